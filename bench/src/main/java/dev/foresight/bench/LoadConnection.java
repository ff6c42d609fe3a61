package dev.foresight.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** A keep-alive connection with at most one request in flight; reads responses by Content-Length. */
final class LoadConnection {
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS_PREFIX = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection:".getBytes(StandardCharsets.US_ASCII);

    /** Where a connection stands after a selector event. */
    enum State { WAITING, DONE, FAILED }

    private final String host;
    private final int port;
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer out;
    private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private FixedRateLoad.Request request;
    private long scheduled;

    LoadConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Starts sending; false (counted as a connection error) when the connection cannot be made. */
    boolean send(Selector selector, FixedRateLoad.Request request, long scheduled, LoadTally tally) {
        this.request = request;
        this.scheduled = scheduled;
        out = tally.wire(request, host).duplicate();
        try {
            if (channel == null) {
                channel = SocketChannel.open(new InetSocketAddress(host, port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                key = channel.register(selector, SelectionKey.OP_READ, this);
            }
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            return true;
        } catch (IOException e) {
            tally.io++;
            close();
            return false;
        }
    }

    State ready(SelectionKey key, LoadTally tally) {
        try {
            if (key.isWritable() && out.hasRemaining()) {
                channel.write(out);
                if (!out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (!key.isReadable()) {
                return State.WAITING;
            }
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                throw new IOException("server closed the connection");
            }
            return parse(tally);
        } catch (IOException | RuntimeException e) {
            tally.io++;
            close();
            return State.FAILED;
        }
    }

    /** A whole response in {@code in}: counts it and keeps what follows. */
    private State parse(LoadTally tally) throws IOException {
        byte[] array = in.array();
        int headerEnd = indexOf(array, 0, in.position(), HEADER_END);
        if (headerEnd < 0) {
            return State.WAITING;
        }
        if (headerEnd < 12 || indexOf(array, 0, 9, STATUS_PREFIX) != 0) {
            throw new IOException("bad status line: "
                    + new String(array, 0, Math.min(headerEnd, 80), StandardCharsets.US_ASCII));
        }
        int status = (array[9] - '0') * 100 + (array[10] - '0') * 10 + (array[11] - '0');
        long length = -1;
        boolean closing = false;
        for (int line = indexOf(array, 0, headerEnd, CRLF) + 2; line > 1 && line < headerEnd; ) {
            int end = indexOf(array, line, headerEnd, CRLF);
            end = end < 0 ? headerEnd : end;
            if (startsWithIgnoreCase(array, line, end, CONTENT_LENGTH)) {
                length = Long.parseLong(new String(array, line + CONTENT_LENGTH.length,
                        end - line - CONTENT_LENGTH.length, StandardCharsets.US_ASCII).trim());
            } else if (startsWithIgnoreCase(array, line, end, CONNECTION)) {
                closing = new String(array, line, end - line, StandardCharsets.US_ASCII)
                        .toLowerCase(java.util.Locale.ROOT).contains("close");
            }
            line = end + 2;
        }
        if (length < 0) {
            throw new IOException("response without Content-Length");
        }
        int whole = headerEnd + 4 + (int) length;
        if (in.position() < whole) {
            return State.WAITING;
        }
        in.flip().position(whole);
        in.compact();
        tally.answered(request, scheduled, status);
        if (closing) {
            close(); // answered; the next request on this connection opens a new one
        }
        return State.DONE;
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
            channel = null;
        }
    }

    /** Where {@code pattern} first starts in {@code array[from, to)}, or -1. */
    private static int indexOf(byte[] array, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i + pattern.length <= to; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (array[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether {@code array[from, to)} starts with {@code lowerPrefix}, ignoring ASCII case. */
    private static boolean startsWithIgnoreCase(byte[] array, int from, int to, byte[] lowerPrefix) {
        if (to - from < lowerPrefix.length) {
            return false;
        }
        for (int j = 0; j < lowerPrefix.length; j++) {
            byte b = array[from + j];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerPrefix[j]) {
                return false;
            }
        }
        return true;
    }
}
