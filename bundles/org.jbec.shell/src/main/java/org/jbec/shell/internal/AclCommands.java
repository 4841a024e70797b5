package org.jbec.shell.internal;

import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jbec.bus.api.AclAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Admin commands for the Redis ACL accounts of the bus (enforce_acls). */
@Component(service = AclCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec", "osgi.command.function=acl_user_add", "osgi.command.function=acl_user_remove",
        "osgi.command.function=acl_users" })
public final class AclCommands {

    private final AclAdmin acl;

    @Activate
    public AclCommands(@Reference AclAdmin acl) {
        this.acl = acl;
    }

    private void requireEnforced() {
        if (!acl.enforced()) {
            throw new IllegalStateException("ACLs are off: set enforce_acls: true in the servers config and restart");
        }
    }

    @Descriptor("create an account (or give it a new token): a user may submit scans on personal/<name>/ and read "
            + "info/* and public/*; an admin may do everything. The token is shown once")
    public String acl_user_add(@Descriptor("an admin account instead of a user") @Parameter(names = "--admin",
            absentValue = "false", presentValue = "true") boolean admin,
            @Descriptor("account name (letters, digits, _ . -)") String name) {
        requireEnforced();
        String token = acl.addUser(name, admin);
        return (admin ? "admin" : "user") + " " + name + " created; token (give it to them, it is not shown again):\n"
                + token;
    }

    @Descriptor("remove an account: it can no longer log in")
    public String acl_user_remove(@Descriptor("account name") String name) {
        requireEnforced();
        return acl.removeUser(name) ? name + " removed" : "there is no account " + name;
    }

    @Descriptor("the accounts and their profiles")
    public String acl_users() {
        requireEnforced();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : acl.users().entrySet()) {
            out.append(String.format("%-24s %s%n", e.getKey(), e.getValue()));
        }
        return out.length() == 0 ? "no accounts yet (acl_user_add NAME)" : out.toString();
    }
}
