package org.matterhub.simulators.quickbooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.matterhub.simulators.common.Json;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query subset, as a table of what the hub sends. */
class QboQueryTest {

    private static List<ObjectNode> rows() {
        List<ObjectNode> rows = new ArrayList<>();
        String[][] data = {
                {"1", "INV-1", "100.00", "2026-01-01T10:00:00.000+00:00", "7"},
                {"2", "INV-2", "250.50", "2026-02-01T10:00:00.000+00:00", "7"},
                {"3", "Fee O'Brien", "0", "2026-03-01T10:00:00.000+00:00", "9"},
        };
        for (String[] d : data) {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("Id", d[0]);
            n.put("DocNumber", d[1]);
            n.put("Balance", new java.math.BigDecimal(d[2]));
            n.putObject("MetaData").put("LastUpdatedTime", d[3]);
            n.putObject("CustomerRef").put("value", d[4]).put("name", "c" + d[4]);
            rows.add(n);
        }
        return rows;
    }

    private static List<String> ids(String query) {
        return QboQuery.parse(query).apply(rows()).stream().map(n -> n.path("Id").asText()).toList();
    }

    @Test
    void whereOrderAndPaging() {
        assertThat(ids("select * from Invoice where Metadata.LastUpdatedTime > '2026-01-15T00:00:00-08:00'"))
                .containsExactly("2", "3");
        assertThat(ids("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '2026-01-01' AND CustomerRef = '7' "
                + "ORDERBY Id DESC STARTPOSITION 1 MAXRESULTS 1")).containsExactly("2");
        assertThat(ids("select * from invoice where Balance > '0' order by Balance desc")).containsExactly("2", "1");
        assertThat(ids("select * from Invoice where Id in ('1', '3')")).containsExactly("1", "3");
        assertThat(ids("select * from Invoice where DocNumber like 'inv-%'")).containsExactly("1", "2");
        assertThat(ids("select * from Invoice where DocNumber = 'Fee O\\'Brien'")).containsExactly("3");
        assertThat(ids("select * from Invoice STARTPOSITION 3 MAXRESULTS 10")).containsExactly("3");
        assertThat(ids("select * from Invoice STARTPOSITION 4")).isEmpty();
        assertThat(QboQuery.parse("select count(*) from Invoice where Balance = '0'").matching(rows())).hasSize(1);
    }

    @Test
    void unsupportedQueriesAreCode4000() {
        for (String q : List.of("", "select Id from Invoice", "select * from Item", "select * from Invoice where Balance > 5 or Id = '1'",
                "select * from Invoice where DocNumber = unquoted", "select * from Invoice MAXRESULTS 1001",
                "select * from Invoice STARTPOSITION 0")) {
            assertThatThrownBy(() -> QboQuery.parse(q)).as(q).isInstanceOfSatisfying(QboFault.class,
                    f -> assertThat(f.code).isEqualTo("4000"));
        }
    }
}
