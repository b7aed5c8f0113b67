package org.matterhub.routes.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Plain text of a document version for full-text search (Apache Tika: PDF, Office, text), bounded in time and memory
 * ({@link TextExtractionProperties}): parses run on a fixed pool of threads with a queue of fixed length, each gets at
 * most {@code timeout}, reads at most {@code max-input-bytes} and keeps at most {@code matterhub.dms.max-text-chars}
 * characters. A parse that overruns is abandoned (its input closed and its thread interrupted); a file Tika cannot
 * read, one too large, one that waited for no free thread or one abandoned yields no text, never a failed sync: the
 * document is still found by its title.
 */
@Component
@EnableConfigurationProperties(TextExtractionProperties.class)
public class TextExtractor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TextExtractor.class);

    /** How an extraction ended. */
    public enum Outcome {
        /** Text was found (possibly cut at the character limit). */
        EXTRACTED,
        /** The file has no text, or a format Tika cannot read. */
        NONE,
        /** The parse took longer than the timeout and was abandoned. */
        TIMED_OUT,
        /** The file is longer than the largest parsed. */
        TOO_LARGE,
        /** Every parse thread and queue place was taken. */
        BUSY
    }

    /** The text (null when none) and how the extraction ended. */
    public record Extraction(String text, Outcome outcome) {
        /** Whether the file was left unparsed by a bound rather than found without text. */
        public boolean skipped() {
            return outcome == Outcome.TIMED_OUT || outcome == Outcome.TOO_LARGE || outcome == Outcome.BUSY;
        }
    }

    private final AutoDetectParser parser = new AutoDetectParser();
    private final int maxChars;
    private final TextExtractionProperties bounds;
    private final ThreadPoolExecutor pool;

    public TextExtractor(DmsProperties properties, TextExtractionProperties bounds) {
        this.maxChars = properties.maxTextChars() <= 0 ? 1_000_000 : properties.maxTextChars();
        this.bounds = bounds;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(bounds.threads(), bounds.threads(), 0, TimeUnit.SECONDS,
                bounds.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(bounds.queue()), r -> {
                    Thread t = new Thread(r, "text-extraction-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The text, or null when there is none, the format is unreadable or a bound stopped the parse. */
    public String extract(InputStream content, String fileName) {
        return extraction(content, fileName).text();
    }

    /** The text and how its extraction ended. {@code content} is closed when a parse is abandoned. */
    public Extraction extraction(InputStream content, String fileName) {
        InputStream bounded;
        try {
            bounded = BoundedInputStream.builder().setInputStream(content).setMaxCount(bounds.maxInputBytes() + 1)
                    .setOnMaxCount((max, count) -> {
                        throw new InputTooLargeException();
                    }).get();
        } catch (IOException e) {
            return new Extraction(null, Outcome.NONE);
        }
        Future<Extraction> parse;
        try {
            parse = pool.submit(() -> parse(bounded, fileName));
        } catch (RejectedExecutionException e) {
            log.warn("No searchable text for {}: every text-extraction thread is busy", fileName);
            return new Extraction(null, Outcome.BUSY);
        }
        try {
            return parse.get(bounds.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(parse, content);
            log.warn("No searchable text for {}: parsing took longer than {}; abandoned", fileName, bounds.timeout());
            return new Extraction(null, Outcome.TIMED_OUT);
        } catch (InterruptedException e) {
            abandon(parse, content);
            Thread.currentThread().interrupt();
            return new Extraction(null, Outcome.NONE);
        } catch (ExecutionException e) {
            return new Extraction(null, Outcome.NONE);
        }
    }

    private Extraction parse(InputStream content, String fileName) {
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        try {
            parser.parse(content, handler, metadata, new ParseContext());
        } catch (Exception e) {
            if (causedBy(e, InputTooLargeException.class)) {
                log.info("No searchable text in {}: longer than {} bytes", fileName, bounds.maxInputBytes());
                return new Extraction(null, Outcome.TOO_LARGE);
            }
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                log.info("No searchable text in {}: {}", fileName, e.getClass().getSimpleName());
                return new Extraction(null, Outcome.NONE);
            }
        }
        String text = handler.toString().replace('\u0000', ' ').strip();
        return text.isEmpty() ? new Extraction(null, Outcome.NONE) : new Extraction(text, Outcome.EXTRACTED);
    }

    private static void abandon(Future<?> parse, InputStream content) {
        parse.cancel(true);
        try {
            content.close(); // a parse blocked on its input fails at once
        } catch (IOException | RuntimeException e) {
            // abandoned anyway
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    /** The file is longer than the largest parsed. */
    private static final class InputTooLargeException extends IOException {
        InputTooLargeException() {
            super("input longer than the text-extraction limit");
        }
    }
}
