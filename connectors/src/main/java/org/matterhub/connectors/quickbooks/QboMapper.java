package org.matterhub.connectors.quickbooks;

import com.intuit.ipp.core.IEntity;
import com.intuit.ipp.data.CreditMemo;
import com.intuit.ipp.data.CustomField;
import com.intuit.ipp.data.Customer;
import com.intuit.ipp.data.EntityStatusEnum;
import com.intuit.ipp.data.IntuitEntity;
import com.intuit.ipp.data.Invoice;
import com.intuit.ipp.data.Line;
import com.intuit.ipp.data.LineDetailTypeEnum;
import com.intuit.ipp.data.LinkedTxn;
import com.intuit.ipp.data.MemoRef;
import com.intuit.ipp.data.ModificationMetaData;
import com.intuit.ipp.data.Payment;
import com.intuit.ipp.data.ReferenceType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Devkit entities to the connector's records. The devkit reads {@code xs:date} values ({@code TxnDate},
 * {@code DueDate}) as midnight in the JVM's default zone, so they are read back in that zone.
 */
final class QboMapper {

    private QboMapper() {
    }

    static boolean isDeleted(IEntity e) {
        return e instanceof IntuitEntity ie && ie.getStatus() == EntityStatusEnum.DELETED;
    }

    static QboDeleted deleted(String entity, IntuitEntity e) {
        return new QboDeleted(entity, e.getId(), lastUpdated(e));
    }

    static QboCustomer customer(Customer c) {
        return new QboCustomer(c.getId(), c.getSyncToken(), c.getDisplayName(), c.getCompanyName(),
                c.getPrimaryEmailAddr() == null ? null : c.getPrimaryEmailAddr().getAddress(), c.getAcctNum(),
                value(c.getParentRef()), Boolean.TRUE.equals(c.isJob()), !Boolean.FALSE.equals(c.isActive()),
                value(c.getCurrencyRef()), lastUpdated(c));
    }

    static QboInvoice invoice(Invoice i) {
        Map<String, String> custom = new LinkedHashMap<>();
        if (i.getCustomField() != null) {
            for (CustomField f : i.getCustomField()) {
                String v = customValue(f);
                if (f.getName() != null && v != null) {
                    custom.put(f.getName(), v);
                }
            }
        }
        boolean voided = "Voided".equalsIgnoreCase(i.getTxnStatus()) || "Voided".equals(i.getPrivateNote());
        return new QboInvoice(i.getId(), i.getSyncToken(), i.getDocNumber(), value(i.getCustomerRef()),
                name(i.getCustomerRef()), value(i.getClassRef()), custom, i.getPrivateNote(), memo(i.getCustomerMemo()),
                value(i.getCurrencyRef()), i.getTotalAmt(), i.getBalance(), date(i.getTxnDate()), date(i.getDueDate()),
                lines(i.getLine()), voided, i.getInvoiceLink(), lastUpdated(i));
    }

    static QboPayment payment(Payment p) {
        List<QboPayment.Applied> applied = new ArrayList<>();
        if (p.getLine() != null) {
            for (Line line : p.getLine()) {
                if (line.getLinkedTxn() == null) {
                    continue;
                }
                for (LinkedTxn l : line.getLinkedTxn()) {
                    if ("Invoice".equals(l.getTxnType())) {
                        applied.add(new QboPayment.Applied(l.getTxnId(), line.getAmount()));
                    }
                }
            }
        }
        return new QboPayment(p.getId(), p.getSyncToken(), value(p.getCustomerRef()), name(p.getCustomerRef()),
                p.getTotalAmt(), p.getUnappliedAmt(), value(p.getCurrencyRef()), date(p.getTxnDate()), applied,
                p.getPaymentRefNum(), p.getPrivateNote(), lastUpdated(p));
    }

    static QboCreditMemo creditMemo(CreditMemo m) {
        return new QboCreditMemo(m.getId(), m.getSyncToken(), m.getDocNumber(), value(m.getCustomerRef()),
                name(m.getCustomerRef()), value(m.getCurrencyRef()), m.getTotalAmt(), m.getRemainingCredit(),
                date(m.getTxnDate()), m.getPrivateNote(), lines(m.getLine()), lastUpdated(m));
    }

    static Date toDate(LocalDate date) {
        return Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }

    static Instant lastUpdated(IntuitEntity e) {
        ModificationMetaData meta = e.getMetaData();
        return meta == null || meta.getLastUpdatedTime() == null ? null : meta.getLastUpdatedTime().toInstant();
    }

    private static List<QboLine> lines(List<Line> lines) {
        List<QboLine> out = new ArrayList<>();
        if (lines == null) {
            return out;
        }
        for (Line l : lines) {
            if (l.getDetailType() == LineDetailTypeEnum.SUB_TOTAL_LINE_DETAIL) {
                continue;
            }
            var d = l.getSalesItemLineDetail();
            out.add(new QboLine(l.getDescription(), d == null ? null : d.getQty(), d == null ? null : d.getUnitPrice(),
                    l.getAmount()));
        }
        return out;
    }

    private static String customValue(CustomField f) {
        if (f.getStringValue() != null) {
            return f.getStringValue();
        }
        if (f.getNumberValue() != null) {
            return f.getNumberValue().toPlainString();
        }
        if (f.isBooleanValue() != null) {
            return f.isBooleanValue().toString();
        }
        return f.getDateValue() == null ? null : date(f.getDateValue()).toString();
    }

    private static LocalDate date(Date d) {
        return d == null ? null : LocalDate.ofInstant(d.toInstant(), ZoneId.systemDefault());
    }

    private static String value(ReferenceType r) {
        return r == null ? null : r.getValue();
    }

    private static String name(ReferenceType r) {
        return r == null ? null : r.getName();
    }

    private static String memo(MemoRef m) {
        return m == null ? null : m.getValue();
    }

    /** The devkit payment that records {@code r}: the whole amount applied to one invoice. */
    static Payment sdkPayment(QboPaymentRequest r) {
        Payment p = new Payment();
        p.setCustomerRef(ref(r.customerId()));
        p.setTotalAmt(r.amount());
        if (r.currency() != null) {
            p.setCurrencyRef(ref(r.currency()));
        }
        if (r.txnDate() != null) {
            p.setTxnDate(toDate(r.txnDate()));
        }
        p.setPaymentRefNum(r.paymentRefNum());
        p.setPrivateNote(r.privateNote());
        Line line = new Line();
        line.setAmount(r.amount());
        LinkedTxn link = new LinkedTxn();
        link.setTxnId(r.invoiceId());
        link.setTxnType("Invoice");
        line.setLinkedTxn(List.of(link));
        p.setLine(List.of(line));
        return p;
    }

    private static ReferenceType ref(String value) {
        ReferenceType r = new ReferenceType();
        r.setValue(value);
        return r;
    }
}
