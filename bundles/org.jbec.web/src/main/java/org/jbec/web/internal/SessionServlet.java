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
 * {@code /jbec/api/session}: GET says whether a login is needed and who is logged in with what they
 * may do; POST {@code user}, {@code token} logs in (a session cookie: HttpOnly, SameSite=Strict);
 * POST {@code logout=1} logs out.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + SessionServlet.PATH,
        "osgi.http.whiteboard.servlet.name=jbec-web-session" })
public final class SessionServlet extends HttpServlet {

    static final String PATH = "/jbec/api/session";
    private static final long serialVersionUID = 1L;

    private final transient WebSessions sessions;

    @Activate
    public SessionServlet(@Reference WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var session = sessions.of(request);
        Json.answer(response, HttpServletResponse.SC_OK, session.isPresent()
                ? session.get().describe(sessions.required()) : Map.of("acl", true, "user", "", "may", Map.of()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (WebSessions.refusedAsForeign(request, response)) {
            return;
        }
        Map<String, String> fields;
        try {
            fields = FormBody.fields(FormBody.read(request));
        } catch (QueueAction.BadRequest e) {
            Json.answer(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", e.getMessage()));
            return;
        }
        if (fields.containsKey("logout")) {
            sessions.logout(request);
            response.addHeader("Set-Cookie", cookie("", 0));
            Json.answer(response, HttpServletResponse.SC_OK, Map.of("user", ""));
            return;
        }
        try {
            String id = sessions.login(fields.get("user"), fields.get("token"));
            response.addHeader("Set-Cookie", cookie(id, WebSessions.LIFETIME.toSeconds()));
            Json.answer(response, HttpServletResponse.SC_OK, Map.of("user", fields.get("user")));
        } catch (WebSessions.LoginRefused e) {
            Json.answer(response, HttpServletResponse.SC_UNAUTHORIZED, Map.of("error", e.getMessage()));
        }
    }

    private static String cookie(String value, long maxAgeSeconds) {
        return WebSessions.COOKIE + "=" + value + "; Path=/jbec; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict";
    }
}
