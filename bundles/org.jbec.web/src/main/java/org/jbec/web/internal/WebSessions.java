package org.jbec.web.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.jbec.bus.api.AclAdmin;
import org.jbec.bus.api.Endpoints;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who is using the page when the bus enforces ACLs: an operator logs in with the account and token an
 * admin gave them (checked by Redis itself), and gets a session cookie. What the page offers them is
 * what Redis would let their account do (ACL DRYRUN), read once at login. Without ACLs everyone may
 * do everything, as on the bus.
 */
@Component(service = WebSessions.class)
public final class WebSessions {

    static final String COOKIE = "jbec_session";
    static final String REQUEST_HEADER = "X-Jbec-Request";
    static final Duration LIFETIME = Duration.ofHours(12);
    static final int MAX_SESSIONS = 1_000;
    /** Failed logins of one account before it is refused for {@link #LOCKOUT}: guessing tokens is slow. */
    static final int MAX_FAILURES = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A logged-in operator and what their account may do. */
    record Session(String user, String profile, boolean mayModifyQueue, boolean mayFit, long expiresAtMs) {
        Map<String, Object> describe(boolean acl) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("acl", acl);
            out.put("user", user);
            out.put("profile", profile);
            out.put("may", Map.of("queue", mayModifyQueue, "fit", mayFit));
            return out;
        }
    }

    /** Everyone, when ACLs are off. */
    static final Session OPEN = new Session(null, null, true, true, Long.MAX_VALUE);

    private final AclAdmin acl;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, long[]> failures = new ConcurrentHashMap<>();

    @Activate
    public WebSessions(@Reference AclAdmin acl) {
        this.acl = acl;
    }

    boolean required() {
        return acl.enforced();
    }

    /** The request's session: {@link #OPEN} without ACLs, else the logged-in operator's, if any. */
    Optional<Session> of(HttpServletRequest request) {
        if (!required()) {
            return Optional.of(OPEN);
        }
        return byId(cookie(request));
    }

    /** A logged-in operator's session by its id, while it lasts. */
    Optional<Session> byId(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null || session.expiresAtMs() < System.currentTimeMillis()) {
            if (id != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * Logs an operator in. Returns the new session id.
     *
     * @throws LoginRefused with what to tell the operator
     */
    String login(String user, String token) throws LoginRefused {
        if (!required()) {
            throw new LoginRefused("ACLs are off: there is nothing to log in to");
        }
        long now = System.currentTimeMillis();
        long[] failed = failures.get(String.valueOf(user));
        if (failed != null && failed[0] >= MAX_FAILURES && now - failed[1] < LOCKOUT.toMillis()) {
            throw new LoginRefused("too many failed logins for '" + BusValues.clip(user) + "': try again in a minute");
        }
        Optional<String> profile = acl.authenticate(user, token);
        if (profile.isEmpty()) {
            failures.compute(String.valueOf(user), (k, v) -> v == null || now - v[1] >= LOCKOUT.toMillis()
                    ? new long[] {1, now} : new long[] {v[0] + 1, now});
            throw new LoginRefused("unknown account or wrong token");
        }
        failures.remove(user);
        sessions.values().removeIf(s -> s.expiresAtMs() < now);
        if (sessions.size() >= MAX_SESSIONS) {
            throw new LoginRefused("too many sessions open (max " + MAX_SESSIONS + ")");
        }
        Session session = new Session(user, profile.get(),
                acl.permits(user, "PUBLISH", Endpoints.scanQueueModificationRequest().key(), "x"),
                acl.permits(user, "PUBLISH", Endpoints.dapRequest().key(), "x"), now + LIFETIME.toMillis());
        byte[] id = new byte[24];
        RANDOM.nextBytes(id);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(key, session);
        return key;
    }

    /**
     * The request's session when it may do what is asked; otherwise answers 401 (not logged in) or 403
     * (the account may not) with a JSON {@code error} naming the action, and returns empty.
     */
    Optional<Session> admit(HttpServletRequest request, HttpServletResponse response,
            java.util.function.Predicate<Session> may, String what) throws java.io.IOException {
        if (refusedAsForeign(request, response)) {
            return Optional.empty();
        }
        Optional<Session> session = of(request);
        if (session.isEmpty()) {
            Json.answer(response, HttpServletResponse.SC_UNAUTHORIZED,
                    Map.of("error", "log in first: the bus enforces ACLs"));
            return Optional.empty();
        }
        if (!may.test(session.get())) {
            Json.answer(response, HttpServletResponse.SC_FORBIDDEN, Map.of("error",
                    "account '" + session.get().user() + "' may not " + what));
            return Optional.empty();
        }
        return session;
    }

    /**
     * Whether a POST comes from the page: it carries {@link #REQUEST_HEADER}, which a page of another
     * site cannot add without a CORS consent this server never gives. Without it any site the operator
     * visits could post a form that aborts the queue (cross-site request forgery). GETs change nothing.
     */
    private static boolean fromPage(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || "1".equals(request.getHeader(REQUEST_HEADER));
    }

    /** Answers 403 to a POST not {@link #fromPage from the page}; true when it did. */
    static boolean refusedAsForeign(HttpServletRequest request, HttpServletResponse response)
            throws java.io.IOException {
        if (fromPage(request)) {
            return false;
        }
        Json.answer(response, HttpServletResponse.SC_FORBIDDEN, Map.of("error",
                "a POST needs the header " + REQUEST_HEADER + " (the page sends it; another site's page cannot)"));
        return true;
    }

    void logout(HttpServletRequest request) {
        String id = cookie(request);
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** A login that did not succeed, with the reason for the operator. */
    static final class LoginRefused extends Exception {
        private static final long serialVersionUID = 1L;

        LoginRefused(String message) {
            super(message);
        }
    }
}
