package org.matterhub.simulators.common;

import java.util.Set;
import java.util.function.Predicate;

/**
 * A document-management simulator (iManage, NetDocuments): a {@link VendorSimulator} with a document store
 * ({@link DocumentControl}), a per-token call limit, the demo firm's matters as workspaces, and the store's
 * control routes.
 *
 * @param <O> the options
 * @param <D> the document store
 * @param <S> what seeding the demo firm returns
 */
public abstract class DocumentSimulator<O, D extends DocumentControl, S> extends VendorSimulator<O> {

    private D data;
    private RateGate rate;

    protected DocumentSimulator(String name, MonotonicClock clock, O options) {
        super(name, clock, options);
    }

    /**
     * Sets the store and the limit (once, in the constructor) and registers the standard, rate-limit and
     * document control routes; {@code names} are the vendor's words in control bodies.
     */
    protected final void store(D store, RateGate gate, DocumentControl.Names names) {
        this.data = store;
        this.rate = gate;
        kit.control().standard(this, this::seedDemoFirm).perMinuteLimit(this::setRateLimitPerMinute);
        DocumentControl.register(kit.control(), store, names);
    }

    /** Seeds the demo firm's matters that {@code include} accepts (every client is created). */
    protected abstract S seed(Predicate<DemoMatters.DemoMatter> include);

    /** The document store; changes made here behave like a firm user's edits. */
    public D data() {
        return data;
    }

    /** Calls per minute per access token; 0 = unlimited. Resets all windows. */
    public void setRateLimitPerMinute(int perMinute) {
        rate.setLimit(perMinute);
    }

    /** Documents created through the API's upload endpoint (all folders). */
    public int uploadCount() {
        return data.uploadCount();
    }

    /** Documents created through the API's upload endpoint into one folder. */
    public int uploadCount(String folderId) {
        return data.uploadCount(folderId);
    }

    /**
     * Seeds the demo firm: clients NORTHWIND, BLUEBIRD and CEDARPINE, matters 00001–00048 spread over them
     * as in the Clio simulator's demo firm, one workspace per matter with "Client Portal" and "Internal"
     * folders and a few documents ({@link DemoMatters}). Call once per simulator.
     */
    public S seedDemoFirm() {
        return seed(m -> true);
    }

    /** Seeds the demo firm's matters of the given client numbers only (e.g. {@code NORTHWIND}). */
    public S seedDemoFirm(Set<String> clientNumbers) {
        return seed(m -> clientNumbers.contains(m.clientNumber()));
    }
}
