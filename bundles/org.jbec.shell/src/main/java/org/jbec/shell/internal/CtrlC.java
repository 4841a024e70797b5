package org.jbec.shell.internal;

import org.apache.felix.service.command.CommandSession;
import org.jline.terminal.Terminal;

/**
 * Gives Ctrl-C to a running command. Gogo's console cancels the whole job on Ctrl-C and returns to the
 * prompt while the command goes on; a scan must instead hear it (deferred pause, then abort) and keep
 * its table on screen. While open, the terminal's INT handler is the command's; closing restores the
 * shell's. Outside an interactive terminal ({@code ./jbec run}) it does nothing.
 */
final class CtrlC implements AutoCloseable {

    private final Terminal terminal;
    private final Terminal.SignalHandler previous;

    private CtrlC(Terminal terminal, Terminal.SignalHandler previous) {
        this.terminal = terminal;
        this.previous = previous;
    }

    static CtrlC route(CommandSession session, Runnable onCtrlC) {
        Object t = session == null ? null : session.get(".terminal");
        if (t instanceof Terminal terminal) {
            return new CtrlC(terminal, terminal.handle(Terminal.Signal.INT, signal -> onCtrlC.run()));
        }
        return new CtrlC(null, null);
    }

    @Override
    public void close() {
        if (terminal != null) {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }
}
