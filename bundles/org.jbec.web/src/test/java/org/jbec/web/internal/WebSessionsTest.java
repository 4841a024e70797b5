package org.jbec.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jbec.bus.api.AclAdmin;
import org.junit.jupiter.api.Test;

class WebSessionsTest {

    /** Redis's answers, as the bus would give them: alice/secret is a user who may not fit. */
    private static final class Accounts implements AclAdmin {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public boolean enforced() {
            return true;
        }

        @Override
        public Optional<String> authenticate(String name, String token) {
            checks.incrementAndGet();
            return "alice".equals(name) && "secret".equals(token) ? Optional.of("user") : Optional.empty();
        }

        @Override
        public boolean permits(String name, String command, String... args) {
            return !args[0].startsWith("user/dap");
        }

        @Override
        public String addUser(String name, boolean admin) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeUser(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> users() {
            return Map.of();
        }

        @Override
        public List<String> redisAcl() {
            return List.of();
        }
    }

    @Test
    void aSessionCarriesWhatTheAccountMayDo() throws Exception {
        WebSessions sessions = new WebSessions(new Accounts());
        String id = sessions.login("alice", "secret");
        assertTrue(id.length() >= 32, "an unguessable session id");
        assertThrows(WebSessions.LoginRefused.class, () -> sessions.login("alice", "wrong"));
    }

    @Test
    void repeatedWrongTokensLockTheAccountForAMinuteWithoutAskingRedis() {
        Accounts accounts = new Accounts();
        WebSessions sessions = new WebSessions(accounts);
        for (int i = 0; i < WebSessions.MAX_FAILURES; i++) {
            WebSessions.LoginRefused refused = assertThrows(WebSessions.LoginRefused.class,
                    () -> sessions.login("alice", "guess"));
            assertEquals("unknown account or wrong token", refused.getMessage());
        }
        WebSessions.LoginRefused locked = assertThrows(WebSessions.LoginRefused.class,
                () -> sessions.login("alice", "secret"));
        assertTrue(locked.getMessage().contains("too many failed logins"), locked.getMessage());
        assertEquals(WebSessions.MAX_FAILURES, accounts.checks.get(), "no more guesses reach Redis");
    }

    @Test
    void whatTheAccountMayDoIsAskedAtLogin() throws Exception {
        WebSessions sessions = new WebSessions(new Accounts());
        WebSessions.Session session = sessions.byId(sessions.login("alice", "secret")).orElseThrow();
        assertEquals("alice", session.user());
        assertEquals(Map.of("queue", true, "fit", false), session.describe(true).get("may"));
        assertTrue(sessions.byId("made-up").isEmpty());
    }
}
