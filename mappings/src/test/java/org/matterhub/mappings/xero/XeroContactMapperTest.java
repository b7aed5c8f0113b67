package org.matterhub.mappings.xero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.matterhub.mappings.billing.GoldenRecords.assertSame;
import static org.matterhub.mappings.billing.GoldenRecords.expectedList;

import org.junit.jupiter.api.Test;
import org.matterhub.connectors.xero.XeroContact;
import org.matterhub.connectors.xero.XeroWire;
import org.matterhub.mappings.billing.BillingFeed;

/** Golden fixture: the Xero specification's {@code GET /Contacts} example beside the canonical customers expected. */
class XeroContactMapperTest {

    @Test
    void contactsAreTopLevelCustomers() {
        assertSame(XeroWire.contacts("/golden/xero/contacts.json").stream().map(XeroBillingMapper::contact).toList(),
                expectedList("/golden/xero/contacts.expected.json", BillingFeed.Customer.class));
    }

    @Test
    void anArchivedContactIsInactive() {
        XeroContact c = XeroWire.contacts("/golden/xero/contacts.json").get(0);
        XeroContact archived = new XeroContact(c.id(), c.name(), c.contactNumber(), c.accountNumber(), c.emailAddress(),
                XeroContact.Status.ARCHIVED, c.updatedDateUtc());
        assertThat(XeroBillingMapper.contact(archived).active()).isFalse();
    }
}
