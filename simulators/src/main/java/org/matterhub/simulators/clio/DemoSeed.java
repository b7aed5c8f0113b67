package org.matterhub.simulators.clio;

import java.util.List;

/**
 * Ids created by {@link ClioSimulator#seedDemoFirm()}.
 *
 * @param companyIds client companies
 * @param personIds  people (employees of those companies)
 * @param matterIds  matters, in creation order
 */
public record DemoSeed(List<Long> companyIds, List<Long> personIds, List<Long> matterIds) {

    public DemoSeed {
        companyIds = List.copyOf(companyIds);
        personIds = List.copyOf(personIds);
        matterIds = List.copyOf(matterIds);
    }
}
