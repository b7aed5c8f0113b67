package org.matterhub.portal.documents;

import org.matterhub.connectors.kernel.ByteRange;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.matterhub.portal.documents.RangeRequest.Partial;
import org.matterhub.portal.documents.RangeRequest.Unsatisfiable;
import org.matterhub.portal.documents.RangeRequest.Whole;

/** A {@code Range} header, parsed by Spring, resolved against a content of 100 bytes. */
class RangeRequestTest {

    static final String ETAG = "\"abc\"";

    static RangeRequest.Resolved resolve(String range) {
        return RangeRequest.resolve(range, null, ETAG, 100);
    }

    @Test
    void oneRangeIsPartialAndClippedToTheContent() {
        assertThat(resolve("bytes=0-4")).isEqualTo(new Partial(new ByteRange(0, 4)));
        assertThat(resolve("bytes=10-")).isEqualTo(new Partial(new ByteRange(10, 99)));
        assertThat(resolve("bytes=5-100000")).isEqualTo(new Partial(new ByteRange(5, 99)));
        assertThat(resolve("bytes=99-99")).isEqualTo(new Partial(new ByteRange(99, 99)));
        assertThat(resolve(" Bytes=0-0 ")).isEqualTo(new Partial(new ByteRange(0, 0)));
    }

    @Test
    void suffixRangesCountFromTheEnd() {
        assertThat(resolve("bytes=-6")).isEqualTo(new Partial(new ByteRange(94, 99)));
        assertThat(resolve("bytes=-1000")).isEqualTo(new Partial(new ByteRange(0, 99)));
        assertThat(resolve("bytes=-0")).isInstanceOf(Unsatisfiable.class);
        assertThat(RangeRequest.resolve("bytes=-5", null, ETAG, 0)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void aRangeStartingAtOrAfterTheEndIsUnsatisfiable() {
        assertThat(resolve("bytes=100-")).isInstanceOf(Unsatisfiable.class);
        assertThat(resolve("bytes=100-200")).isInstanceOf(Unsatisfiable.class);
        assertThat(RangeRequest.resolve("bytes=0-", null, ETAG, 0)).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void severalRangesAnotherUnitNonsenseOrAStaleIfRangeServeTheWholeContent() {
        assertThat(resolve(null)).isInstanceOf(Whole.class);
        assertThat(resolve("bytes=0-1,4-5")).isInstanceOf(Whole.class);
        assertThat(resolve("items=0-1")).isInstanceOf(Whole.class);
        assertThat(resolve("bytes=5-2")).isInstanceOf(Whole.class);
        assertThat(resolve("bytes=abc")).isInstanceOf(Whole.class);
        assertThat(resolve("bytes=")).isInstanceOf(Whole.class);
        assertThat(resolve("bytes=99999999999999999999-")).isInstanceOf(Whole.class);
        assertThat(RangeRequest.resolve("bytes=0-1", "\"stale\"", ETAG, 100)).isInstanceOf(Whole.class);
        assertThat(RangeRequest.resolve("bytes=0-1", ETAG, null, 100)).isInstanceOf(Whole.class);
        assertThat(RangeRequest.resolve("bytes=0-1", ETAG, ETAG, 100)).isEqualTo(new Partial(new ByteRange(0, 1)));
    }
}
