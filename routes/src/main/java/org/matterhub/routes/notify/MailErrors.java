package org.matterhub.routes.notify;

import jakarta.mail.SendFailedException;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;

/** A refused address is permanent; every other failure of the mail server (connection, 4xx, timeouts) retries. */
final class MailErrors implements ErrorClassifier {
    @Override
    public ErrorClass classify(Throwable t) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof SendFailedException sent && none(sent.getValidSentAddresses())
                    && !none(sent.getInvalidAddresses())) {
                return ErrorClass.PERMANENT;
            }
        }
        for (Throwable e = t; e != null; e = e.getCause()) {
            if (e instanceof jakarta.mail.MessagingException || e instanceof java.io.IOException) {
                return ErrorClass.RETRIABLE;
            }
        }
        return ErrorClassifier.super.classify(t);
    }

    private static boolean none(Object[] addresses) {
        return addresses == null || addresses.length == 0;
    }
}
