package org.jbec.web.internal;

import java.io.IOException;

import javax.servlet.AsyncContext;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /jbec/events}: the page's Server-Sent Events stream (a snapshot, then every change).
 * Asynchronous, so an open stream holds no container thread.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + EventStreamServlet.PATH,
        "osgi.http.whiteboard.servlet.asyncSupported=true",
        "osgi.http.whiteboard.servlet.name=jbec-web-events" })
public final class EventStreamServlet extends HttpServlet {

    static final String PATH = "/jbec/events";
    private static final long serialVersionUID = 1L;

    private final transient LiveFeed feed;
    private final transient WebSessions sessions;

    @Activate
    public EventStreamServlet(@Reference LiveFeed feed, @Reference WebSessions sessions) {
        this.feed = feed;
        this.sessions = sessions;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (sessions.admit(request, response, s -> true, "watch").isEmpty()) {
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        AsyncContext context = request.startAsync();
        context.setTimeout(0); // open until the browser leaves or the bundle stops
        response.flushBuffer();
        if (!feed.attach(new BrowserStream(context))) {
            // headers are out already: say it as an event the page shows, then close
            response.getOutputStream().write(("event: refused\ndata: {\"error\":\"too many browsers connected (max "
                    + LiveFeed.MAX_BROWSERS + ")\"}\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            context.complete();
        }
    }
}
