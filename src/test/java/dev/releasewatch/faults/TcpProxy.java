package dev.releasewatch.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of one broker's client listener, which the test can cut: {@link #cut()} resets every open
 * connection and resets each new one as soon as it is accepted (the client sees its connection refused or dropped,
 * as when a firewall or a network partition rejects it), until {@link #heal()}.
 *
 * <p>Plain blocking sockets, two threads per connection: a monitor instance opens a few dozen connections at most.
 * The port is bound at construction (so the broker can advertise it before it starts) and forwarding starts with
 * {@link #forwardTo(int)}.
 */
final class TcpProxy implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile int target;

    TcpProxy() {
        try {
            server = new ServerSocket(0, 200, LOOPBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port clients connect to. */
    int port() {
        return server.getLocalPort();
    }

    /** The address clients connect to. */
    String address() {
        return LOOPBACK.getHostAddress() + ":" + port();
    }

    /** Starts forwarding every connection to {@code targetPort} on the loopback interface. */
    void forwardTo(int targetPort) {
        this.target = targetPort;
        Thread acceptor = new Thread(this::accept, "proxy-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Drops every connection and refuses new ones, until {@link #heal()}. */
    void cut() {
        cut = true;
        open.forEach(this::reset);
    }

    /** Forwards new connections again. */
    void heal() {
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                reset(client);
                continue;
            }
            Socket broker = new Socket();
            try {
                broker.connect(new InetSocketAddress(LOOPBACK, target), 5_000);
                open.add(client);
                open.add(broker);
                pump(client, broker);
                pump(broker, client);
            } catch (IOException e) {
                reset(client);
                reset(broker);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while (!cut && (n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the other side closed, or the test cut the connection
                    } finally {
                        reset(from);
                        reset(to);
                    }
                },
                "proxy-" + port() + "-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes with a TCP reset (SO_LINGER 0), not a clean FIN: the peer learns at once that the link is gone. */
    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::reset);
    }
}
