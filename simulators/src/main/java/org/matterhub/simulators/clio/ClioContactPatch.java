package org.matterhub.simulators.clio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** The contact's plain text attributes a PATCH sets, by request key. */
    private static final Map<String, java.util.function.BiConsumer<ClioRecords.Contact, String>> NAMES = Map.of(
            "first_name", (c, v) -> c.firstName = v, "last_name", (c, v) -> c.lastName = v,
            "middle_name", (c, v) -> c.middleName = v, "name", (c, v) -> c.name = v,
            "prefix", (c, v) -> c.prefix = v, "title", (c, v) -> c.title = v);

    /** A contact's nested list: its request key, item fields (name first), the flag that makes an item primary, names. */
    private record Kind(String key, List<String> fields, String defaultFlag, List<String> names) {
        Set<String> allowed() {
            Set<String> keys = new java.util.HashSet<>(fields);
            keys.add("id");
            keys.add("_destroy");
            if (defaultFlag != null) {
                keys.add(defaultFlag);
            }
            return keys;
        }
    }

    private static final Kind EMAILS = new Kind("email_addresses", List.of("name", "address"), "default_email",
            List.of("Work", "Home", "Other"));
    private static final Kind PHONES = new Kind("phone_numbers", List.of("name", "number"), "default_number",
            List.of("Work", "Home", "Mobile", "Fax", "Pager", "Skype", "Other"));
    private static final Kind ADDRESSES = new Kind("addresses",
            List.of("name", "street", "city", "province", "postal_code", "country"), null,
            List.of("Work", "Home", "Billing", "Other"));

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
                case "email_addresses" -> checkItems(v, EMAILS);
                case "phone_numbers" -> checkItems(v, PHONES);
                case "addresses" -> checkItems(v, ADDRESSES);
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
        checkIds(emails, "email_addresses", c.emails);
        checkIds(phones, "phone_numbers", c.phones);
        checkIds(addresses, "addresses", c.addresses);
        for (Map<String, Object> e : emails) {
            Object address = e.get("address");
            if (address != null && !((String) address).matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw ClioApiException.unprocessable("email_addresses.address is not a valid e-mail: " + address);
            }
        }

        // --- all checks passed: mutate
        NAMES.forEach((key, set) -> {
            if (data.containsKey(key)) {
                set.accept(c, (String) data.get(key));
            }
        });
        if (data.containsKey("company")) {
            c.companyId = companyId;
        }
        applyItems(c.emails, emails, EMAILS, firm);
        applyItems(c.phones, phones, PHONES, firm);
        applyItems(c.addresses, addresses, ADDRESSES, firm);
    }

    /** Creates (no id), removes (id and {@code _destroy}) or updates items; the first one is primary if none is. */
    private static void applyItems(List<ClioRecords.Item> list, List<Map<String, Object>> changes, Kind kind,
                                   ClioSimulatorData firm) {
        for (Map<String, Object> item : changes) {
            Long id = id(item);
            if (id != null && Boolean.TRUE.equals(item.get("_destroy"))) {
                list.removeIf(x -> x.id == id);
                continue;
            }
            final ClioRecords.Item target;
            if (id == null) {
                target = new ClioRecords.Item(firm.nextNestedId(), false);
                for (String f : kind.fields()) {
                    target.values.put(f, "name".equals(f) ? str(item, f, "Other") : (String) item.get(f));
                }
                list.add(target);
            } else {
                target = list.stream().filter(x -> x.id == id).findFirst().orElseThrow();
                for (String f : kind.fields()) {
                    target.values.put(f, str(item, f, target.get(f)));
                }
            }
            if (kind.defaultFlag() != null && Boolean.TRUE.equals(item.get(kind.defaultFlag()))) {
                list.forEach(x -> x.primary = x == target);
            }
        }
        if (!list.isEmpty() && list.stream().noneMatch(x -> x.primary)) {
            list.get(0).primary = true;
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

    private static void checkIds(List<Map<String, Object>> items, String key, List<ClioRecords.Item> existing) {
        for (Map<String, Object> item : items) {
            Long id = id(item);
            if (id != null && existing.stream().noneMatch(x -> x.id == id)) {
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
    private static void checkItems(Object v, Kind kind) {
        String key = kind.key();
        Set<String> allowed = kind.allowed();
        List<String> names = kind.names();
        List<String> strings = kind.fields().subList(1, kind.fields().size());
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
                } else if ("_destroy".equals(k) || k.equals(kind.defaultFlag())) {
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
