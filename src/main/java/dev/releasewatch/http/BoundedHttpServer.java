package dev.releasewatch.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

import dev.releasewatch.config.HttpSettings;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 server (Jetty) that a slow or silent client cannot stall, shared by the monitor's endpoints and
 * {@code ingest}. The JDK's {@code HttpServer} gives every connection a thread for as long as it takes to read the
 * request: 200 clients that send headers and one byte of a declared body, then wait, took all its threads and
 * nothing else was answered. Here:
 *
 * <ul>
 *   <li>headers are parsed by Jetty's selector without a thread per connection, and a body is read by
 *       {@link BodyReader}, which waits for bytes without a thread; a handler runs only once its body is complete;
 *   <li>a connection silent for {@link HttpSettings#readTimeout()} is closed, a body not complete within
 *       {@link HttpSettings#bodyTimeout()} is answered 408, and at most {@link HttpSettings#maxConnections()} are
 *       open at once (more wait in the accept queue);
 *   <li>a body over a route's limit is answered 413 without being kept, the declared ones before a byte is read;
 *   <li>a guarded route's state-changing requests need {@code Authorization: Bearer <token>} when a token is
 *       configured (401 otherwise; the token is never logged, see {@link dev.releasewatch.config.BearerToken}).
 * </ul>
 *
 * <p>Routes are exact paths (a trailing slash is ignored); anything else is 404.
 */
public final class BoundedHttpServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(BoundedHttpServer.class);
    private static final int ACCEPT_QUEUE = 1024;

    private final Server server;
    private final ServerConnector connector;

    /**
     * Starts listening.
     *
     * @param name     names the server's threads
     * @param bind     the address to listen on; null for every interface
     * @param port     the port; 0 picks a free one
     * @param settings token, timeouts and bounds
     * @param routes   what each path serves
     * @throws UncheckedIOException when the address cannot be bound
     */
    public BoundedHttpServer(
            String name, InetAddress bind, int port, HttpSettings settings, Map<String, HttpRoute> routes) {
        QueuedThreadPool pool = new QueuedThreadPool(settings.threads(), Math.min(4, settings.threads()));
        pool.setName(name);
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(bind == null ? null : bind.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(settings.readTimeout().toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        server.setHandler(new Dispatch(Map.copyOf(routes), settings));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            String where = (bind == null ? "port " : bind.getHostAddress() + ":") + port;
            throw new UncheckedIOException(
                    "cannot listen on " + where + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOGGER.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
    }

    /** Finds the route, checks the token, reads the body without a thread, then runs the route. */
    private static final class Dispatch extends Handler.Abstract {

        private final Map<String, HttpRoute> routes;
        private final HttpSettings settings;

        Dispatch(Map<String, HttpRoute> routes, HttpSettings settings) {
            this.routes = routes;
            this.settings = settings;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            HttpRoute route = routes.get(path);
            if (route == null && path != null && path.length() > 1 && path.endsWith("/")) {
                route = routes.get(path.substring(0, path.length() - 1));
            }
            if (route == null) {
                send(response, callback, HttpAnswer.error(404, "no such path: " + path), status -> {});
                return true;
            }
            HttpRoute r = route;
            boolean reading = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
            if (r.guarded()
                    && reading
                    && !settings.authToken().admits(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
                LOGGER.info("{} {} from {} refused: no valid bearer token", request.getMethod(), path, remote(request));
                HttpAnswer refused = HttpAnswer.error(401, "a bearer token is required: Authorization: Bearer <token>")
                        .withHeader("WWW-Authenticate", "Bearer")
                        .withHeader("Connection", "close");
                BodyReader.read(request, 0, true)
                        .orTimeout(settings.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .whenComplete((ignored, failure) -> send(response, callback, refused, r.answered()));
                return true;
            }
            if (!reading || r.maxBody() == 0) {
                run(r, call(request, new byte[0]), response, callback);
                return true;
            }
            long declared = request.getLength();
            CompletableFuture<byte[]> body = BodyReader.read(request, r.maxBody(), declared > r.maxBody());
            body.orTimeout(settings.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((bytes, failure) -> {
                        if (failure != null) {
                            unread(request, response, callback, r, failure);
                        } else if (bytes == null) {
                            send(
                                    response,
                                    callback,
                                    HttpAnswer.error(413, "body larger than " + r.maxBody() + " bytes" + r.tooLarge())
                                            .withHeader("Connection", "close"),
                                    r.answered());
                        } else {
                            run(r, call(request, bytes), response, callback);
                        }
                    });
            return true;
        }

        private void unread(Request request, Response response, Callback callback, HttpRoute r, Throwable failure) {
            Throwable cause =
                    failure.getCause() != null && !(failure instanceof TimeoutException) ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                LOGGER.debug("Body from {} not received in time: {}", remote(request), cause.toString());
                send(
                        response,
                        callback,
                        HttpAnswer.error(408, "request body not received within " + settings.bodyTimeout())
                                .withHeader("Connection", "close"),
                        r.answered());
            } else {
                LOGGER.debug("Body from {} unreadable: {}", remote(request), cause.toString());
                callback.failed(cause);
            }
        }

        private static void run(HttpRoute route, HttpCall call, Response response, Callback callback) {
            Runnable work = () -> send(response, callback, answer(route, call), route.answered());
            if (route.executor() == null) {
                work.run();
                return;
            }
            try {
                route.executor().execute(work);
            } catch (RejectedExecutionException e) {
                send(
                        response,
                        callback,
                        HttpAnswer.error(503, "too many requests waiting already; retry later"),
                        route.answered());
            }
        }

        private static HttpAnswer answer(HttpRoute route, HttpCall call) {
            try {
                return route.handler().handle(call);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return HttpAnswer.error(503, "interrupted");
            } catch (Exception e) {
                LOGGER.warn("HTTP {} {} from {} failed", call.method(), call.path(), call.remote(), e);
                return HttpAnswer.error(500, "internal error: " + e.getClass().getSimpleName());
            }
        }

        private static HttpCall call(Request request, byte[] body) {
            return new HttpCall(
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery() == null
                            ? ""
                            : request.getHttpURI().getQuery(),
                    name -> request.getHeaders().get(name),
                    body,
                    remote(request));
        }

        private static String remote(Request request) {
            return Request.getRemoteAddr(request);
        }

        private static void send(Response response, Callback callback, HttpAnswer answer, IntConsumer answered) {
            answered.accept(answer.status());
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            answer.headers().forEach(response.getHeaders()::put);
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }
}
