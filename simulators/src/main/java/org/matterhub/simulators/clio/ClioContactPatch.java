package org.matterhub.simulators.clio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A type-checked {@code data} object of {@code PATCH /contacts/{id}.json}, following the request body
 * schema of Clio's {@code Contact#update}: scalar names, {@code company{id}}, and nested
 * {@code email_addresses} / {@code phone_numbers} / {@code addresses} items that update (with
 * {@code id}), create (without {@code id}) or remove ({@code id} + {@code _destroy: true}).
 *
 * <p>Everything is checked before anything is changed, so a rejected PATCH leaves the contact untouched.
 */
final class ClioContactPatch {

    /** Request keys that the simulator applies. */
    private static final Set<String> SIMULATED = Set.of("first_name", "middle_name", "last_name", "name", "prefix",
            "title", "type", "company", "email_addresses", "phone_numbers", "addresses");
    /** Request keys in Clio's schema that the simulator accepts but does not model. */
    private static final Set<String> ACCEPTED_IGNORED = Set.of("avatar", "clio_connect_email", "co_counsel_rate",
            "currency", "custom_field_set_associations", "custom_field_values", "date_of_birth",
            "instant_messengers", "ledes_client_id", "sales_tax_number", "web_sites");
    private static final Set<String> EMAIL_KEYS = Set.of("id", "name", "address", "default_email", "_destroy");
    private static final Set<String> PHONE_KEYS = Set.of("id", "name", "number", "default_number", "_destroy");
    private static final Set<String> ADDRESS_KEYS = Set.of("id", "name", "street", "city", "province",
            "postal_code", "country", "_destroy");
    private static final List<String> EMAIL_NAMES = List.of("Work", "Home", "Other");
    private static final List<String> PHONE_NAMES = List.of("Work", "Home", "Mobile", "Fax", "Pager", "Skype",
            "Other");
    private static final List<String> ADDRESS_NAMES = List.of("Work", "Home", "Billing", "Other");

    private final Map<String, Object> data;

    private ClioContactPatch(Map<String, Object> data) {
        this.data = data;
    }

    /** Checks the shape and types of the whole request body {@code {"data":{…}}}. */
    @SuppressWarnings("unchecked")
    static ClioContactPatch parse(Map<String, Object> body) {
        Object data = body.get("data");
        if (!(data instanceof Map)) {
            throw ClioApiException.badRequest("Request body must be an object with a \"data\" object");
        }
        Map<String, Object> d = (Map<String, Object>) data;
        for (Map.Entry<String, Object> e : d.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (!SIMULATED.contains(key) && !ACCEPTED_IGNORED.contains(key)) {
                throw ClioApiException.unprocessable("Unknown attribute for Contact: " + key);
            }
            switch (key) {
                case "first_name", "last_name", "name" -> requireString(v, key, false);
                case "middle_name", "prefix", "title" -> requireString(v, key, true);
                case "type" -> {
                    requireString(v, key, false);
                    if (!List.of("Person", "Company").contains(v)) {
                        throw ClioApiException.unprocessable("type must be one of Person, Company");
                    }
                }
                case "company" -> {
                    if (v != null) {
                        Map<String, Object> c = requireObject(v, "company");
                        if (!(c.get("id") instanceof Number) || !isIntegral(c.get("id"))) {
                            throw ClioApiException.unprocessable("company.id must be an integer");
                        }
                    }
                }
                case "email_addresses" -> checkItems(v, key, EMAIL_KEYS, EMAIL_NAMES,
                        Set.of("address"), Set.of("default_email"));
                case "phone_numbers" -> checkItems(v, key, PHONE_KEYS, PHONE_NAMES,
                        Set.of("number"), Set.of("default_number"));
                case "addresses" -> checkItems(v, key, ADDRESS_KEYS, ADDRESS_NAMES,
                        Set.of("street", "city", "province", "postal_code", "country"), Set.of());
                default -> {
                    // accepted by Clio, not modelled here
                }
            }
        }
        return new ClioContactPatch(d);
    }

    /** Applies the patch; validates references and rules first, then mutates. Caller holds the data lock. */
    @SuppressWarnings("unchecked")
    void applyTo(ClioRecords.Contact c, ClioSimulatorData firm) {
        boolean company = "Company".equals(c.type);
        if (data.containsKey("type") && !c.type.equals(data.get("type"))) {
            throw ClioApiException.unprocessable("The simulator does not change a contact's type");
        }
        if (company && (data.containsKey("first_name") || data.containsKey("last_name"))) {
            throw ClioApiException.unprocessable("first_name/last_name apply to Person contacts; use name");
        }
        if (!company && data.containsKey("name")) {
            throw ClioApiException.unprocessable("For Person contacts send first_name/last_name, not name");
        }
        for (String required : List.of("first_name", "last_name", "name")) {
            if (data.containsKey(required) && ((String) data.get(required)).isBlank()) {
                throw ClioApiException.unprocessable(required + " can't be blank");
            }
        }
        Long companyId = null;
        if (data.containsKey("company") && data.get("company") != null) {
            if (company) {
                throw ClioApiException.unprocessable("A Company contact cannot belong to a company");
            }
            companyId = ((Number) ((Map<String, Object>) data.get("company")).get("id")).longValue();
            if (!firm.isCompany(companyId)) {
                throw ClioApiException.unprocessable("company.id " + companyId + " is not a Company contact");
            }
        }
        List<Map<String, Object>> emails = items("email_addresses");
        List<Map<String, Object>> phones = items("phone_numbers");
        List<Map<String, Object>> addresses = items("addresses");
        checkIds(emails, "email_addresses", id -> c.emails.stream().anyMatch(e -> e.id == id));
        checkIds(phones, "phone_numbers", id -> c.phones.stream().anyMatch(p -> p.id == id));
        checkIds(addresses, "addresses", id -> c.addresses.stream().anyMatch(a -> a.id == id));
        for (Map<String, Object> e : emails) {
            Object address = e.get("address");
            if (address != null && !((String) address).matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw ClioApiException.unprocessable("email_addresses.address is not a valid e-mail: " + address);
            }
        }

        // --- all checks passed: mutate
        if (data.containsKey("first_name")) {
            c.firstName = (String) data.get("first_name");
        }
        if (data.containsKey("last_name")) {
            c.lastName = (String) data.get("last_name");
        }
        if (data.containsKey("middle_name")) {
            c.middleName = (String) data.get("middle_name");
        }
        if (data.containsKey("name")) {
            c.name = (String) data.get("name");
        }
        if (data.containsKey("prefix")) {
            c.prefix = (String) data.get("prefix");
        }
        if (data.containsKey("title")) {
            c.title = (String) data.get("title");
        }
        if (data.containsKey("company")) {
            c.companyId = companyId;
        }
        for (Map<String, Object> item : emails) {
            Long id = id(item);
            if (id == null) {
                ClioRecords.Email e = new ClioRecords.Email(firm.nextNestedId(),
                        str(item, "name", "Other"), (String) item.get("address"), false);
                c.emails.add(e);
                if (Boolean.TRUE.equals(item.get("default_email"))) {
                    c.emails.forEach(x -> x.primary = x == e);
                }
            } else if (Boolean.TRUE.equals(item.get("_destroy"))) {
                c.emails.removeIf(x -> x.id == id);
            } else {
                ClioRecords.Email e = c.emails.stream().filter(x -> x.id == id).findFirst().orElseThrow();
                e.name = str(item, "name", e.name);
                e.address = str(item, "address", e.address);
                if (Boolean.TRUE.equals(item.get("default_email"))) {
                    c.emails.forEach(x -> x.primary = x == e);
                }
            }
        }
        for (Map<String, Object> item : phones) {
            Long id = id(item);
            if (id == null) {
                ClioRecords.Phone p = new ClioRecords.Phone(firm.nextNestedId(),
                        str(item, "name", "Other"), (String) item.get("number"), false);
                c.phones.add(p);
                if (Boolean.TRUE.equals(item.get("default_number"))) {
                    c.phones.forEach(x -> x.primary = x == p);
                }
            } else if (Boolean.TRUE.equals(item.get("_destroy"))) {
                c.phones.removeIf(x -> x.id == id);
            } else {
                ClioRecords.Phone p = c.phones.stream().filter(x -> x.id == id).findFirst().orElseThrow();
                p.name = str(item, "name", p.name);
                p.number = str(item, "number", p.number);
                if (Boolean.TRUE.equals(item.get("default_number"))) {
                    c.phones.forEach(x -> x.primary = x == p);
                }
            }
        }
        for (Map<String, Object> item : addresses) {
            Long id = id(item);
            if (id == null) {
                c.addresses.add(new ClioRecords.Address(firm.nextNestedId(), str(item, "name", "Other"),
                        (String) item.get("street"), (String) item.get("city"), (String) item.get("province"),
                        (String) item.get("postal_code"), (String) item.get("country"), false));
            } else if (Boolean.TRUE.equals(item.get("_destroy"))) {
                c.addresses.removeIf(x -> x.id == id);
            } else {
                ClioRecords.Address a = c.addresses.stream().filter(x -> x.id == id).findFirst()
                        .orElseThrow();
                a.name = str(item, "name", a.name);
                a.street = str(item, "street", a.street);
                a.city = str(item, "city", a.city);
                a.province = str(item, "province", a.province);
                a.postalCode = str(item, "postal_code", a.postalCode);
                a.country = str(item, "country", a.country);
            }
        }
        if (!c.emails.isEmpty() && c.emails.stream().noneMatch(e -> e.primary)) {
            c.emails.get(0).primary = true;
        }
        if (!c.phones.isEmpty() && c.phones.stream().noneMatch(p -> p.primary)) {
            c.phones.get(0).primary = true;
        }
        if (!c.addresses.isEmpty() && c.addresses.stream().noneMatch(a -> a.primary)) {
            c.addresses.get(0).primary = true;
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String key) {
        Object v = data.get(key);
        if (v == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) v) {
            out.add((Map<String, Object>) o);
        }
        return out;
    }

    private static void checkIds(List<Map<String, Object>> items, String key, Predicate<Long> exists) {
        for (Map<String, Object> item : items) {
            Long id = id(item);
            if (id != null && !exists.test(id)) {
                throw ClioApiException.unprocessable(key + ".id " + id + " does not belong to this contact");
            }
            if (id == null && Boolean.TRUE.equals(item.get("_destroy"))) {
                throw ClioApiException.unprocessable(key + "._destroy needs the id of the item to remove");
            }
        }
    }

    private static Long id(Map<String, Object> item) {
        Object id = item.get("id");
        return id == null ? null : ((Number) id).longValue();
    }

    private static String str(Map<String, Object> item, String key, String fallback) {
        return item.containsKey(key) ? (String) item.get(key) : fallback;
    }

    @SuppressWarnings("unchecked")
    private static void checkItems(Object v, String key, Set<String> allowed, List<String> names,
                                   Set<String> strings, Set<String> booleans) {
        if (!(v instanceof List)) {
            throw ClioApiException.unprocessable(key + " must be an array");
        }
        for (Object o : (List<Object>) v) {
            Map<String, Object> item = requireObject(o, key + "[]");
            for (Map.Entry<String, Object> e : item.entrySet()) {
                String k = e.getKey();
                Object iv = e.getValue();
                if (!allowed.contains(k)) {
                    throw ClioApiException.unprocessable("Unknown attribute " + key + "[]." + k);
                }
                if ("id".equals(k)) {
                    if (!(iv instanceof Number) || !isIntegral(iv)) {
                        throw ClioApiException.unprocessable(key + "[].id must be an integer (null is not valid)");
                    }
                } else if ("_destroy".equals(k) || booleans.contains(k)) {
                    if (!(iv instanceof Boolean)) {
                        throw ClioApiException.unprocessable(key + "[]." + k + " must be a boolean");
                    }
                } else if ("name".equals(k)) {
                    if (!(iv instanceof String) || !names.contains(iv)) {
                        throw ClioApiException.unprocessable(key + "[].name must be one of " + names);
                    }
                } else if (strings.contains(k)) {
                    requireString(iv, key + "[]." + k, true);
                }
            }
            if (!item.containsKey("id")) {
                for (String s : strings) {
                    if (strings.size() == 1 && (item.get(s) == null || ((String) item.get(s)).isBlank())) {
                        throw ClioApiException.unprocessable(key + "[]." + s + " can't be blank");
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requireObject(Object v, String key) {
        if (!(v instanceof Map)) {
            throw ClioApiException.unprocessable(key + " must be an object");
        }
        return (Map<String, Object>) v;
    }

    private static void requireString(Object v, String key, boolean nullable) {
        if (v == null && nullable) {
            return;
        }
        if (!(v instanceof String)) {
            throw ClioApiException.unprocessable(key + " must be a string");
        }
    }

    private static boolean isIntegral(Object n) {
        return n instanceof Integer || n instanceof Long || n instanceof java.math.BigInteger;
    }
}
