package org.matterhub.routes.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.matterhub.routes.documents.TextExtractor.Outcome;

/**
 * Text extraction is bounded: a parse that overruns its time is abandoned and frees its thread, a file over the input
 * limit is not parsed, and with every thread and queue place taken a file is not parsed either — each time with no
 * text and an outcome that says why, never an exception.
 */
class TextExtractorTest {

    private static final DmsProperties DMS = new DmsProperties(null, null, null, null, 1000, null, null);

    /** A body that starts and then sends nothing until released (a stalled source, or a parser that never ends). */
    static final class Stalled extends InputStream {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new InterruptedIOException("abandoned");
            }
            return -1;
        }
    }

    /** Loads Tika's parsers once, so that the timeout below measures a parse rather than class loading. */
    private static void warmUp() {
        TextExtractor extractor = new TextExtractor(DMS, new TextExtractionProperties(Duration.ofSeconds(60), 1 << 20, 1, 1));
        try {
            assertThat(extractor.extract(text("warm"), "warm.txt")).isEqualTo("warm");
        } finally {
            extractor.destroy();
        }
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOverrunningParseIsAbandonedAndItsThreadServesTheNextFile() {
        warmUp();
        TextExtractor extractor = new TextExtractor(DMS, new TextExtractionProperties(Duration.ofSeconds(2), 1 << 20, 1, 1));
        try {
            Stalled stalled = new Stalled();
            assertThat(extractor.extraction(stalled, "stalled.txt").outcome()).isEqualTo(Outcome.TIMED_OUT);
            TextExtractor.Extraction next = extractor.extraction(text("Settlement terms agreed."), "terms.txt");
            assertThat(next.outcome()).isEqualTo(Outcome.EXTRACTED);
            assertThat(next.text()).isEqualTo("Settlement terms agreed.");
        } finally {
            extractor.destroy();
        }
    }

    @Test
    void aFileOverTheInputLimitIsNotParsed() {
        TextExtractor extractor = new TextExtractor(DMS, new TextExtractionProperties(Duration.ofSeconds(30), 64, 1, 1));
        try {
            TextExtractor.Extraction e = extractor.extraction(text("x".repeat(10_000)), "long.txt");
            assertThat(e.outcome()).isEqualTo(Outcome.TOO_LARGE);
            assertThat(e.text()).isNull();
            assertThat(e.skipped()).isTrue();
            assertThat(extractor.extraction(text("short"), "short.txt").text()).isEqualTo("short");
        } finally {
            extractor.destroy();
        }
    }

    @Test
    void withEveryThreadAndQueuePlaceTakenAFileIsNotParsed() throws Exception {
        TextExtractor extractor = new TextExtractor(DMS, new TextExtractionProperties(Duration.ofSeconds(30), 1 << 20, 1, 0));
        Stalled stalled = new Stalled();
        try {
            CompletableFuture<TextExtractor.Extraction> first =
                    CompletableFuture.supplyAsync(() -> extractor.extraction(stalled, "stalled.txt"));
            assertThat(stalled.reading.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(extractor.extraction(text("waiting"), "waiting.txt").outcome()).isEqualTo(Outcome.BUSY);
            stalled.release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.NONE);
        } finally {
            stalled.release.countDown();
            extractor.destroy();
        }
    }

    @Test
    void textWithinTheBoundsIsExtractedAndCutAtTheCharacterLimit() {
        TextExtractor extractor = new TextExtractor(DMS, new TextExtractionProperties(Duration.ofSeconds(30), 1 << 20, 1, 1));
        try {
            TextExtractor.Extraction e = extractor.extraction(text("word ".repeat(1000)), "many.txt");
            assertThat(e.outcome()).isEqualTo(Outcome.EXTRACTED);
            assertThat(e.text().length()).isLessThanOrEqualTo(1000);
        } finally {
            extractor.destroy();
        }
    }
}
