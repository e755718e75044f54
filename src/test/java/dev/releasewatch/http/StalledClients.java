package dev.releasewatch.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections that send a request's headers and the first byte of a declared body, then wait: the slow client that
 * stalled the JDK's server. Opened in a bounded loop on 127.0.0.1 and closed by {@link #close()}.
 */
public final class StalledClients implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    /**
     * Opens {@code count} connections to {@code port}, each announcing a {@code declared}-byte body of a
     * {@code method} to {@code path} and sending one byte of it.
     */
    public StalledClients(int port, int count, String method, String path, int declared, String extraHeaders)
            throws IOException {
        byte[] request = (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + declared + "\r\n" + extraHeaders + "\r\n{")
                .getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** How many connections are open. */
    public int size() {
        return sockets.size();
    }

    /**
     * How many of the first {@code sample} connections the server still holds open with no answer: a read that
     * times out means the server neither answered nor closed.
     */
    public int stillWaiting(int sample) throws IOException {
        int waiting = 0;
        for (Socket socket : sockets.subList(0, Math.min(sample, sockets.size()))) {
            socket.setSoTimeout(20);
            try {
                if (socket.getInputStream().read() < 0) {
                    continue;
                }
            } catch (SocketTimeoutException expected) {
                waiting++;
            }
        }
        return waiting;
    }

    /** What the server finally said on connection {@code i} (its status line), or "" when it closed silently. */
    public String statusLine(int i, int timeoutMillis) throws IOException {
        Socket socket = sockets.get(i);
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\r' && c != '\n') {
                line.append((char) c);
            }
        } catch (IOException reset) {
            // a reset after the server gave up is a closed connection too
        }
        return line.toString();
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a test's client socket
            }
        }
        sockets.clear();
    }
}
