package org.matterhub.store.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing master key into Spring Boot's "APPLICATION FAILED TO START" report naming the setting. */
public class MissingMasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeys.MissingMasterKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeys.MissingMasterKeyException cause) {
        return new FailureAnalysis("No master key is configured (" + MasterKeys.SETTING + "). It seals the vendors' "
                + "OAuth tokens, webhook secrets and the firms' document keysets; outside the demo profile the hub "
                + "does not start with a key nobody keeps.",
                "Set " + MasterKeys.SETTING + " (or MATTERHUB_STORE_MASTERKEY) to 32 random bytes in base64, e.g. "
                        + "`openssl rand -base64 32`, kept outside the database; or run the demo profile.", cause);
    }
}
