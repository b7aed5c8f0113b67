package org.matterhub.routes.http;

import java.util.function.Supplier;
import org.matterhub.connectors.kernel.VendorException;
import org.matterhub.connectors.kernel.VendorUrlException;
import org.matterhub.portal.problem.ApiProblem;
import org.matterhub.routes.engine.ErrorTexts;
import org.springframework.http.HttpStatus;

/**
 * A vendor call made while a firm admin waits (the code exchange, the identity check of a connect callback): a
 * failure becomes a 502 problem that says which vendor failed and how (status, classified reason), never what its
 * server answered.
 */
public final class VendorFailures {

    private VendorFailures() {
    }

    public static <T> T during(String vendorName, Supplier<T> call) {
        try {
            return call.get();
        } catch (VendorException e) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "Vendor call failed", vendorName + " could not complete the "
                    + "authorization: " + ErrorTexts.describe(e) + ".");
        } catch (VendorUrlException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid base URL", e.getMessage() + ".");
        }
    }
}
