package org.jbec.shell.internal;

import org.apache.felix.service.command.CommandSession;

/** Session settings the commands honour: {@code abort_on_ctrl_c} (servers config; default true). */
final class ShellSettings {

    private ShellSettings() {
    }

    static boolean abortOnCtrlC(CommandSession session) {
        Object v = session == null ? null : session.get("abort_on_ctrl_c");
        return v == null || Boolean.parseBoolean(String.valueOf(v));
    }
}
