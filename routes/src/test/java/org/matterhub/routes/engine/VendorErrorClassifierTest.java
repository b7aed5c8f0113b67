package org.matterhub.routes.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.matterhub.connectors.clio.ClioErrorClassifier;
import org.matterhub.connectors.imanage.ImanageErrorClassifier;
import org.matterhub.connectors.kernel.ErrorClass;
import org.matterhub.connectors.kernel.ErrorClassifier;
import org.matterhub.connectors.netdocuments.NetDocumentsErrorClassifier;
import org.matterhub.connectors.quickbooks.QboErrorClassifier;
import org.matterhub.connectors.xero.XeroErrorClassifier;
import org.matterhub.mappings.canonical.SourceSystem;
import org.matterhub.routes.vendor.VendorErrors;
import org.matterhub.connectors.kernel.VendorHttpException;
import org.matterhub.connectors.kernel.VendorIoException;
import org.matterhub.portal.documents.DocumentContentStore;

/** Each vendor's failure by that vendor's table; our own side's failures by the kind of failure. */
class VendorErrorClassifierTest {

    final VendorErrorClassifier classifier = new VendorErrorClassifier(List.of(
            vendor(SourceSystem.CLIO, new ClioErrorClassifier()), vendor(SourceSystem.IMANAGE, new ImanageErrorClassifier()),
            vendor(SourceSystem.NETDOCUMENTS, new NetDocumentsErrorClassifier()),
            vendor(SourceSystem.QUICKBOOKS, new QboErrorClassifier()), vendor(SourceSystem.XERO, new XeroErrorClassifier())));

    static VendorErrors vendor(SourceSystem system, ErrorClassifier errors) {
        return new VendorErrors() {
            @Override
            public ErrorClassifier errors() {
                return errors;
            }

            @Override
            public SourceSystem system() {
                return system;
            }

            @Override
            public String displayName() {
                return system.name();
            }
        };
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new VendorIoException("imanage", "POST", "/x", true, new IOException("timeout")), ErrorClass.RETRIABLE),
                Arguments.of(http("imanage", 503), ErrorClass.RETRIABLE),
                Arguments.of(http("imanage", 404), ErrorClass.PERMANENT),
                Arguments.of(http("imanage", 401), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of(http("netdocuments", 500), ErrorClass.RETRIABLE),
                Arguments.of(http("netdocuments", 400), ErrorClass.PERMANENT),
                Arguments.of(http("clio", 429), ErrorClass.RETRIABLE),
                Arguments.of(http("clio", 422), ErrorClass.PERMANENT),
                Arguments.of(http("clio", 403), ErrorClass.REAUTHORIZATION_REQUIRED),
                Arguments.of(new UncheckedIOException(new IOException("S3 connection reset")), ErrorClass.RETRIABLE),
                Arguments.of(new DocumentContentStore.ContentMissingException("documents/x/v1"), ErrorClass.PERMANENT),
                Arguments.of(new IllegalStateException("a bug"), ErrorClass.PERMANENT));
    }

    static VendorHttpException http(String vendor, int status) {
        return new VendorHttpException(vendor, "POST", "/x", status, status == 429 ? Optional.of(Duration.ofSeconds(7))
                : Optional.empty(), null, null);
    }

    @ParameterizedTest
    @MethodSource("table")
    void classifies(Throwable t, ErrorClass expected) {
        assertThat(classifier.classify(t)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("table")
    void retryAfterComesFromTheVendor(Throwable t, ErrorClass ignored) {
        assertThat(classifier.retryAfter(t)).isEqualTo(t instanceof VendorHttpException h && h.status() == 429
                ? Optional.of(Duration.ofSeconds(7)) : Optional.empty());
    }
}
