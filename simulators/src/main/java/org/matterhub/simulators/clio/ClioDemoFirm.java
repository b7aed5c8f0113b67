package org.matterhub.simulators.clio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.matterhub.simulators.common.DemoMatters;

/**
 * The deterministic demo firm: three client companies with their people, and 48 matters spread over
 * them with varied statuses, practice areas and four responsible attorneys, opened over the last two
 * years, each with a few time entries by its responsible attorney (and every fourth with an expense). Same
 * names, e-mails, amounts and order every time (dates are relative to today).
 */
final class ClioDemoFirm {

    private static final String[][] COMPANIES = {
            {"Northwind Holdings Ltd", "legal@northwind.example", "+1 312 555 0100", "northwind.example"},
            {"Bluebird Ventures LLC", "legal@bluebird.example", "+1 415 555 0142", "bluebird.example"},
            {"Cedar & Pine Bakery Co", "office@cedarpine.example", "+1 503 555 0177", "cedarpine.example"},
    };
    /** first, last, mailbox (before @domain), company index. */
    private static final String[][] PEOPLE = {
            {"Margaret", "Holloway", "gc", "0"},
            {"Daniel", "Okafor", "daniel.okafor", "0"},
            {"Priya", "Raman", "finance", "0"},
            {"Tomasz", "Wierzbicki", "tomasz.w", "0"},
            {"Elena", "Vasquez", "gc", "1"},
            {"Marcus", "Lindqvist", "marcus", "1"},
            {"Aiko", "Tanaka", "ap", "1"},
            {"Grace", "Mbeki", "grace", "2"},
            {"Oliver", "Brandt", "oliver", "2"},
            {"Hannah", "Kowalczyk", "books", "2"},
    };
    private static final String[][] ATTORNEYS = {
            {"Sarah Chen", "schen@harbourlaw.example"},
            {"James Whitaker", "jwhitaker@harbourlaw.example"},
            {"Amara Osei", "aosei@harbourlaw.example"},
            {"Luis Fernandez", "lfernandez@harbourlaw.example"},
    };
    private static final String[] PRACTICE_AREAS = {
            "Corporate", "Commercial Contracts", "Employment", "Litigation", "Real Estate", "Intellectual Property",
    };
    /** Hourly rates of the attorneys, in the order of {@link #ATTORNEYS}. */
    private static final String[] RATES = {"350.00", "295.00", "410.00", "260.00"};
    private static final String[] WORK = {
            "Review of draft and mark-up", "Call with client", "Research and file note", "Drafting correspondence",
            "Negotiation call with counterparty", "Preparing advice memo",
    };

    private ClioDemoFirm() {
    }

    static DemoSeed seed(ClioSimulatorData data) {
        List<Long> companies = new ArrayList<>();
        for (String[] c : COMPANIES) {
            companies.add(data.createCompany(c[0], c[1], c[2]));
        }
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE.length; i++) {
            String[] p = PEOPLE[i];
            int company = Integer.parseInt(p[3]);
            String email = p[2] + "@" + COMPANIES[company][3];
            String phone = String.format("+1 555 01%02d", 10 + i);
            people.add(data.createPerson(p[0], p[1], email, phone, companies.get(company)));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Long> matters = new ArrayList<>();
        // the matters a DMS files under the same clients (DemoMatters): same order, clients and topics
        for (DemoMatters.DemoMatter demo : DemoMatters.all()) {
            int i = demo.index();
            int company = clientIndex(demo.clientNumber());
            // about 60% Open, 25% Closed, 15% Pending
            String status = i % 7 == 3 ? "Pending" : (i % 4 == 1 ? "Closed" : "Open");
            String area = PRACTICE_AREAS[(i * 5 + company) % PRACTICE_AREAS.length];
            String[] attorney = ATTORNEYS[(i + company) % ATTORNEYS.length];
            // Clio's demo descriptions separate topic and client with an em dash
            String description = demo.description().replace(" - ", " — ");
            LocalDate opened = today.minusDays(720 - (long) i * 15);
            long matter = data.createMatter(companies.get(company), description, status, area, attorney[0],
                    attorney[1], opened);
            matters.add(matter);
            seedActivities(data, matter, i, attorney[0], RATES[(i + company) % RATES.length], opened, today);
        }
        return new DemoSeed(companies, people, matters);
    }

    private static int clientIndex(String clientNumber) {
        for (int c = 0; c < DemoMatters.CLIENTS.length; c++) {
            if (DemoMatters.CLIENTS[c][0].equals(clientNumber)) {
                return c;
            }
        }
        throw new IllegalStateException("no demo client " + clientNumber);
    }

    /** Two to four time entries a week apart from the open date (in quarter hours), and an expense on every fourth. */
    private static void seedActivities(ClioSimulatorData data, long matter, int i, String attorney, String rate,
                                       LocalDate opened, LocalDate today) {
        int entries = 2 + i % 3;
        for (int k = 0; k < entries; k++) {
            LocalDate date = opened.plusDays(7L * (k + 1));
            if (date.isAfter(today)) {
                date = today;
            }
            long seconds = (long) (1 + (i + 3 * k) % 8) * 900;
            data.createTimeEntry(matter, attorney, date, seconds, new BigDecimal(rate), WORK[(i + k) % WORK.length],
                    k == 2 && i % 5 == 0);
        }
        if (i % 4 == 0) {
            data.createExpenseEntry(matter, attorney, opened.plusDays(3), 1, new BigDecimal("45.50"), "Courier");
        }
    }
}
