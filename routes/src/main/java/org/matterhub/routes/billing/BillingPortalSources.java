package org.matterhub.routes.billing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.portal.billing.InvoicePdfSource;
import org.matterhub.portal.billing.PaymentLinks;
import org.matterhub.routes.vendor.VendorRegistry;
import org.matterhub.store.model.BillingRepository;
import org.matterhub.store.tenancy.Tenancy;
import org.matterhub.store.tenancy.TenantScope;
import org.springframework.stereotype.Component;

/**
 * The portal's reads that go to the accounting system itself: an invoice's PDF, streamed as the vendor renders it,
 * and its hosted payment page ("pay now"). Both run with the firm's connection and its request budget, after the API
 * has decided the caller may read the invoice.
 *
 * <p>Pay-now links come from the vendor's {@link InvoiceDocuments}. A link read less than {@link #LINK_FRESH} ago is reused (it is stored on the
 * invoice), so a client clicking twice costs one request.
 */
@Component
public class BillingPortalSources implements InvoicePdfSource, PaymentLinks {

    static final Duration LINK_FRESH = Duration.ofMinutes(10);

    private final BillingConnections connections;
    private final VendorRegistry vendors;
    private final BillingRepository billing;
    private final Tenancy tenancy;

    public BillingPortalSources(BillingConnections connections, VendorRegistry vendors, BillingRepository billing,
                                Tenancy tenancy) {
        this.connections = connections;
        this.vendors = vendors;
        this.billing = billing;
        this.tenancy = tenancy;
    }

    @Override
    public Optional<InvoicePdf> open(UUID firmId, BillingRepository.InvoiceRef invoice) throws IOException {
        if (invoice.connectionId() == null || invoice.externalId() == null) {
            return Optional.empty();
        }
        InvoiceDocuments vendor = documentsOf(firmId, invoice.connectionId());
        try {
            return vendor.pdf(firmId, invoice.connectionId(), invoice.externalId())
                    .map(d -> new InvoicePdf(d.body(), d.contentLength().orElse(-1)));
        } catch (VendorException e) {
            throw new IOException(vendor.system().id() + " could not render the invoice's PDF: "
                    + org.matterhub.routes.engine.ErrorTexts.describe(e), e);
        }
    }

    @Override
    public Optional<String> link(UUID firmId, UUID invoiceId) {
        TenantScope scope = TenantScope.system(firmId);
        BillingRepository.InvoiceRef invoice = tenancy.read(scope, () -> billing.invoice(invoiceId)).orElse(null);
        if (invoice == null || invoice.connectionId() == null) {
            return Optional.empty();
        }
        if (invoice.paymentUrl() != null && invoice.paymentUrlAt() != null
                && invoice.paymentUrlAt().isAfter(Instant.now().minus(LINK_FRESH))) {
            return Optional.of(invoice.paymentUrl());
        }
        InvoiceDocuments vendor = documentsOf(firmId, invoice.connectionId());
        String url;
        try {
            url = vendor.paymentLink(firmId, invoice.connectionId(), invoice.externalId()).orElse(null);
        } catch (VendorException e) {
            throw new UncheckedIOException(new IOException(vendor.system().id() + " did not give a payment link: "
                    + org.matterhub.routes.engine.ErrorTexts.describe(e), e));
        }
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        tenancy.writeVoid(scope, () -> billing.setPaymentUrl(invoiceId, url));
        return Optional.of(url);
    }

    private InvoiceDocuments documentsOf(UUID firmId, UUID connectionId) {
        return vendors.adapter(connections.load(firmId, connectionId).vendor(), InvoiceDocuments.class);
    }
}
