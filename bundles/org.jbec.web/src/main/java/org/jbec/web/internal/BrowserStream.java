package org.jbec.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.AsyncContext;
import javax.servlet.ServletOutputStream;

/**
 * One browser's Server-Sent Events stream. Only the writer thread of {@link WebWorkers} writes to
 * it; a failed write (the browser went away) closes it for good.
 */
final class BrowserStream {

    private final AsyncContext context;
    private final ServletOutputStream out;
    private boolean open = true;

    BrowserStream(AsyncContext context) throws IOException {
        this.context = context;
        this.out = context.getResponse().getOutputStream();
    }

    /** Sends one event; false when the stream is closed. */
    boolean send(String event, String json) {
        return write("event: " + event + "\ndata: " + json + "\n\n");
    }

    /** A comment line: keeps proxies from timing the stream out and finds browsers that left. */
    boolean keepAlive() {
        return write(": keep-alive\n\n");
    }

    private boolean write(String text) {
        if (!open) {
            return false;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | IllegalStateException e) {
            close();
            return false;
        }
    }

    void close() {
        if (open) {
            open = false;
            try {
                context.complete();
            } catch (IllegalStateException alreadyDone) {
                // the container completed it already (client gone); nothing left to release
            }
        }
    }
}
