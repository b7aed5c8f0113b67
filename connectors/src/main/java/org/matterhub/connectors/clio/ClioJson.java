package org.matterhub.connectors.clio;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.matterhub.connectors.kernel.VendorJson;

/** The Clio connector's JSON: the kernel's reader with Clio's {@code {"error":{"type","message"}}}; package-private. */
final class ClioJson {

    static final VendorJson JSON = new VendorJson(ClioClient.VENDOR, "type");
    static final ObjectMapper MAPPER = JSON.mapper();

    private ClioJson() {
    }
}
