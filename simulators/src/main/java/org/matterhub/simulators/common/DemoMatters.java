package org.matterhub.simulators.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The demo firm's matters as a document-management system files them, shared by the iManage and
 * NetDocuments simulators so both seed the same firm: 48 matters, numbered {@code 00001}–{@code 00048}
 * (the five-digit Clio matter {@code number}, i.e. the prefix of Clio's {@code display_number}),
 * under clients {@code NORTHWIND}, {@code BLUEBIRD} and {@code CEDARPINE} (the Clio simulator's demo
 * companies, in the same order and with the same matter-to-client spread), plus a deterministic set of
 * documents per matter.
 */
public final class DemoMatters {

    /** Client number, display name. Order = the Clio demo firm's company order. */
    public static final String[][] CLIENTS = {
            {"NORTHWIND", "Northwind Holdings Ltd"},
            {"BLUEBIRD", "Bluebird Ventures LLC"},
            {"CEDARPINE", "Cedar & Pine Bakery Co"},
    };
    public static final int MATTERS = 48;
    public static final String CLIENT_PORTAL = "Client Portal";
    public static final String INTERNAL = "Internal";

    private static final String[] TOPICS = {
            "Shareholder agreement review", "Supplier master services agreement", "Executive employment contract",
            "Commercial lease renewal", "Trademark registration", "Debt collection claim", "Series A financing",
            "Data processing agreement", "Wrongful dismissal defence", "Warehouse acquisition",
            "Distribution agreement", "Board minutes and resolutions", "Non-compete dispute", "Licence audit",
            "Office fit-out contract", "Patent freedom-to-operate opinion",
    };

    private DemoMatters() {
    }

    /**
     * One matter.
     *
     * @param index        0-based position (Clio creation order)
     * @param clientNumber e.g. {@code NORTHWIND}
     * @param clientName   e.g. {@code Northwind Holdings Ltd}
     * @param matterNumber e.g. {@code 00001}
     * @param description  matter description
     */
    public record DemoMatter(int index, String clientNumber, String clientName, String matterNumber,
                             String description) {
    }

    /**
     * One document to seed.
     *
     * @param folder    {@link #CLIENT_PORTAL} or {@link #INTERNAL}
     * @param name      document name without extension
     * @param extension {@code pdf}, {@code docx} or {@code txt}
     * @param versions  content of each version, oldest first (at least one)
     */
    public record DemoDocument(String folder, String name, String extension, List<byte[]> versions) {
    }

    public static List<DemoMatter> all() {
        List<DemoMatter> out = new ArrayList<>();
        for (int i = 0; i < MATTERS; i++) {
            int company = i % 5 < 2 ? 0 : (i % 5 < 4 ? 1 : 2);
            if (i >= 40) {
                company = 2;
            }
            String description = TOPICS[i % TOPICS.length] + " - " + CLIENTS[company][1].split(" ")[0]
                    + " #" + (i / TOPICS.length + 1);
            out.add(new DemoMatter(i, CLIENTS[company][0], CLIENTS[company][1], String.format("%05d", i + 1),
                    description));
        }
        return out;
    }

    /**
     * Documents of a matter: an engagement letter (PDF) for the client portal, research notes (TXT)
     * internally; every third matter a draft agreement (DOCX, 2–3 versions) for the portal; every other
     * matter an internal memo (DOCX, 2 versions).
     */
    public static List<DemoDocument> documentsFor(DemoMatter m) {
        String tag = m.clientNumber() + "-" + m.matterNumber();
        List<DemoDocument> docs = new ArrayList<>();
        docs.add(new DemoDocument(CLIENT_PORTAL, "Engagement Letter " + tag, "pdf",
                List.of(SampleFiles.pdf("Engagement Letter", tag + " " + m.description()))));
        if (m.index() % 3 == 0) {
            List<byte[]> versions = new ArrayList<>();
            int count = 2 + m.index() % 2;
            for (int v = 1; v <= count; v++) {
                versions.add(SampleFiles.docx("Draft Agreement v" + v, tag + " draft " + v + " of " + count));
            }
            docs.add(new DemoDocument(CLIENT_PORTAL, "Draft Agreement " + tag, "docx", versions));
        }
        docs.add(new DemoDocument(INTERNAL, "Research Notes " + tag, "txt",
                List.of(SampleFiles.text("Research Notes", "Internal notes for " + tag + ": " + m.description()))));
        if (m.index() % 2 == 0) {
            docs.add(new DemoDocument(INTERNAL, "Internal Memo " + tag, "docx", List.of(
                    SampleFiles.docx("Internal Memo", tag + " first draft"),
                    SampleFiles.docx("Internal Memo", tag + " revised after partner review"))));
        }
        return docs;
    }

    /** Makes a vendor's seed row for one matter workspace. */
    @FunctionalInterface
    public interface MatterRow<M> {
        M of(String clientNumber, String matterNumber, String workspaceId, String clientPortalFolderId,
             String internalFolderId);
    }

    /**
     * What {@link #seed} created.
     *
     * @param clients     client numbers, e.g. {@code NORTHWIND}
     * @param matters     one row per matter, in matter-number order
     * @param documentIds ids of every seeded document (its latest version where versions have their own ids)
     */
    public record Seeded<M>(List<String> clients, List<M> matters, List<String> documentIds) {
    }

    /**
     * Seeds the matters {@code include} accepts into a document store (every client is created): one workspace
     * per matter with its documents, put as {@code author}. Deterministic ids on a fresh simulator.
     */
    public static <M> Seeded<M> seed(DocumentControl data, Predicate<DemoMatter> include, String author,
                                     MatterRow<M> row) {
        List<String> clients = new ArrayList<>();
        for (String[] c : CLIENTS) {
            data.createClient(c[0], c[1]);
            clients.add(c[0]);
        }
        List<M> matters = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        for (DemoMatter m : all()) {
            if (!include.test(m)) {
                continue;
            }
            DocumentControl.Workspace ws = data.createMatterWorkspace(m.clientNumber(), m.clientName(),
                    m.matterNumber(), m.description());
            matters.add(row.of(m.clientNumber(), m.matterNumber(), ws.workspaceId(), ws.clientPortalFolderId(),
                    ws.internalFolderId()));
            for (DemoDocument d : documentsFor(m)) {
                String folder = d.folder().equals(CLIENT_PORTAL) ? ws.clientPortalFolderId() : ws.internalFolderId();
                String id = data.putDocument(folder, d.name(), d.extension(), d.versions().get(0), author);
                for (int v = 1; v < d.versions().size(); v++) {
                    id = data.appendVersion(id, d.versions().get(v));
                }
                documents.add(id);
            }
        }
        return new Seeded<>(List.copyOf(clients), List.copyOf(matters), List.copyOf(documents));
    }
}
