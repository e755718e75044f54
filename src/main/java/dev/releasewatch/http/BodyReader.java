package dev.releasewatch.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while the client is silent: it takes what has arrived and asks
 * Jetty to call back when more does ({@link Request#demand}), so a client that sends one byte of a 100 kB body
 * and waits costs a buffer, not a thread. Completes with the body, or with null as soon as the body proves longer
 * than the limit; the rest of a too-large body is then read and thrown away (up to {@link #DISCARD_CAP} bytes),
 * because closing a socket with unread bytes makes TCP reset the connection and the client would never see the
 * 413. Fails with Jetty's failure (the idle timeout, a closed connection).
 */
final class BodyReader implements Runnable {

    /** Beyond this a too-large body is no longer read: the connection is closed without an explanation. */
    static final long DISCARD_CAP = 64L * 1024 * 1024;

    private final Request request;
    private final int limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private boolean tooLarge;
    private long discarded;

    private BodyReader(Request request, int limit, boolean tooLarge) {
        this.request = request;
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    /**
     * Starts reading the body of {@code request}.
     *
     * @param tooLarge the body is already known to be too large (its declared length): discard it
     * @return the body, or null when it is longer than {@code limit}
     */
    static CompletableFuture<byte[]> read(Request request, int limit, boolean tooLarge) {
        BodyReader reader = new BodyReader(request, limit, tooLarge);
        reader.run();
        return reader.done;
    }

    @Override
    public void run() {
        while (!done.isDone()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                done.completeExceptionally(chunk.getFailure());
                return;
            }
            try {
                take(chunk.getByteBuffer());
            } finally {
                chunk.release();
            }
            if (chunk.isLast()) {
                done.complete(tooLarge ? null : body.toByteArray());
            } else if (tooLarge && discarded > DISCARD_CAP) {
                done.complete(null);
            }
        }
    }

    private void take(ByteBuffer buffer) {
        int n = buffer.remaining();
        if (!tooLarge && body.size() + (long) n > limit) {
            tooLarge = true;
            discarded = body.size();
            body.reset();
        }
        if (tooLarge) {
            discarded += n;
            buffer.position(buffer.limit());
            return;
        }
        byte[] bytes = new byte[n];
        buffer.get(bytes);
        body.write(bytes, 0, n);
    }
}
