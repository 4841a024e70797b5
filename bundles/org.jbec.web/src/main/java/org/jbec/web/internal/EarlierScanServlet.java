package org.jbec.web.internal;

import java.io.IOException;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /jbec/api/scan?number=N}: the points of an earlier scan, for the page to draw beside the
 * current one. Only scans the web view saw run are kept (the newest {@link LiveState#MAX_EARLIER_SCANS}).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + EarlierScanServlet.PATH,
        "osgi.http.whiteboard.servlet.name=jbec-web-earlier-scan" })
public final class EarlierScanServlet extends HttpServlet {

    static final String PATH = "/jbec/api/scan";
    private static final long serialVersionUID = 1L;

    private final transient LiveFeed feed;
    private final transient WebSessions sessions;

    @Activate
    public EarlierScanServlet(@Reference LiveFeed feed, @Reference WebSessions sessions) {
        this.feed = feed;
        this.sessions = sessions;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (sessions.admit(request, response, s -> true, "watch").isEmpty()) {
            return;
        }
        String number = request.getParameter("number");
        if (number == null || !number.matches("[0-9]{1,12}")) {
            Json.answer(response, HttpServletResponse.SC_BAD_REQUEST,
                    Map.of("error", "number must be a scan number (digits)"));
            return;
        }
        Map<String, Object> scan = feed.earlierScan(Long.parseLong(number));
        if (scan == null) {
            Json.answer(response, HttpServletResponse.SC_NOT_FOUND, Map.of("error",
                    "scan " + number + " is not among the last " + LiveState.MAX_EARLIER_SCANS + " the web view saw"));
            return;
        }
        Json.answer(response, HttpServletResponse.SC_OK, scan);
    }
}
