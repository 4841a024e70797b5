package org.jbec.bus.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The Redis ACL accounts of the bus when {@code enforce_acls} is on (bec-protocol.md §6): users get
 * BEC's user profile (their {@code personal/<user>/} keys and channels, {@code user/*}, read-only
 * {@code info/*} and {@code public/*}), admins everything. Accounts are kept on the bus
 * ({@code admin/acl/accounts}) and put back into Redis whenever the bus connects, so a Redis restart
 * does not lose them.
 */
@ProviderType
public interface AclAdmin {

    /** Whether the bus enforces ACLs (the servers config's {@code enforce_acls}). */
    boolean enforced();

    /**
     * Creates or replaces an account with a new token.
     *
     * @return the token (shown once to the admin, given to the user)
     * @throws IllegalArgumentException for a name Redis or BEC's channels cannot take
     */
    String addUser(String name, boolean admin);

    /** @return false when there was no such account */
    boolean removeUser(String name);

    /** Account name → profile ({@code user} or {@code admin}). */
    Map<String, String> users();

    /** What Redis knows of the accounts (ACL LIST without passwords), for the admin. */
    List<String> redisAcl();

    /**
     * Checks an account's credentials with Redis itself: a fresh connection logs in with them.
     *
     * @return the account's profile ({@code user} or {@code admin}) when Redis accepts them; empty for a
     *         wrong name or token, or when ACLs are not enforced
     * @since 1.2
     */
    java.util.Optional<String> authenticate(String name, String token);

    /**
     * Whether Redis would let the account run a command (ACL DRYRUN), e.g. {@code ("PUBLISH",
     * "user/queue/queue_modification_request", "x")}: what an account may do, as Redis enforces it.
     *
     * @since 1.2
     */
    boolean permits(String name, String command, String... args);
}
