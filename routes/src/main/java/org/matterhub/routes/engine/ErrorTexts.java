package org.matterhub.routes.engine;

import java.util.regex.Pattern;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.connectors.kernel.VendorHttpException;

/**
 * The text a failure leaves in {@code connection.last_error}, a dead letter or a payment posting's error: the hub's
 * own words only. A vendor's answer is reduced to its status and a classified reason (a short machine code such as
 * {@code invalid_grant}, when the answer had one); its body, messages and anything else a foreign server wrote are
 * never copied, since a firm admin who can point a connection at a server could otherwise read that server's answers
 * through the hub. Exceptions of libraries outside the hub are named by class only.
 */
public final class ErrorTexts {

    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final int MAX = 2000;

    private ErrorTexts() {
    }

    public static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof VendorException v) {
                return vendor(v);
            }
        }
        String name = t.getClass().getSimpleName();
        String pkg = t.getClass().getPackageName();
        boolean ours = pkg.startsWith("org.matterhub.") || pkg.startsWith("java.") || pkg.startsWith("jakarta.")
                || pkg.startsWith("org.springframework.");
        String m = ours && t.getMessage() != null ? name + ": " + t.getMessage() : name;
        return m.length() > MAX ? m.substring(0, MAX) : m;
    }

    private static String vendor(VendorException v) {
        String name = v.getClass().getSimpleName();
        if (v instanceof VendorHttpException h) {
            String code = code(h.errorType());
            return name + ": " + h.vendor() + " answered HTTP " + h.status() + (code == null ? "" : " (" + code + ")");
        }
        // transport failures and unusable bodies: the message is the hub's (method, path, kind), never the body
        return name + ": " + v.getMessage();
    }

    /** {@code type} when it is a short machine code, else null. */
    public static String code(String type) {
        return type != null && CODE.matcher(type).matches() ? type : null;
    }
}
