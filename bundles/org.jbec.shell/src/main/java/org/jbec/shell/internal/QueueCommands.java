package org.jbec.shell.internal;

import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.QueueInfoEntry;
import org.jbec.bus.api.message.ScanQueueOrderMessage;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The queue as BEC's client handles it: show it, and every modification action, over the bus. */
@Component(service = QueueCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec",
        "osgi.command.function=queue", "osgi.command.function=pause", "osgi.command.function=deferred_pause",
        "osgi.command.function=continue", "osgi.command.function=abort", "osgi.command.function=halt",
        "osgi.command.function=clear", "osgi.command.function=restart", "osgi.command.function=lock",
        "osgi.command.function=unlock", "osgi.command.function=queue_move" })
public final class QueueCommands {

    private final BecClient client;

    @Activate
    public QueueCommands(@Reference Connector bus) {
        this.client = new BecClient(bus);
    }

    @Descriptor("show every queue: its state, locks and items")
    public String queue() {
        var status = client.bus().get(Endpoints.scanQueueStatus());
        if (status.isEmpty()) {
            return "no queue status published: is the scan server running?";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, ScanQueueStatus> q : status.get().queue().entrySet()) {
            out.append(String.format(Locale.ROOT, "queue %s: %s%s%n", q.getKey(), q.getValue().status(),
                    q.getValue().locks().isEmpty() ? "" : " " + q.getValue().locks()));
            int position = 0;
            for (QueueInfoEntry item : q.getValue().info()) {
                var block = item.requestBlocks().get(0);
                out.append(String.format(Locale.ROOT, "  %d  %-9s %-14s scan %-5s %s %s%n", position++, item.status(),
                        block.msg().scanType(), item.scanNumber().get(0) == null ? "-" : item.scanNumber().get(0),
                        block.msg().parameter().get("args"), item.scanId().get(0) == null ? "" : item.scanId().get(0)));
            }
        }
        return out.toString();
    }

    @Descriptor("pause the running scan at its next step")
    public String pause(@Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        return act("pause", queue, Map.of());
    }

    @Descriptor("let the running scan finish, then hold the queue")
    public String deferred_pause(@Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        return act("deferred_pause", queue, Map.of());
    }

    @Descriptor("resume a paused queue and scan")
    public String _continue(@Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        return act("continue", queue, Map.of());
    }

    @Descriptor("abort the running scan (its clean-up runs), or a waiting one by scan id")
    public String abort(@Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue,
            @Descriptor("scan id of a waiting item") @Parameter(names = "--scan", absentValue = "") String scanId) {
        client.modify("abort", queue, Map.of(), scanId.isEmpty() ? null : scanId);
        return "abort sent to queue " + queue;
    }

    @Descriptor("stop the running scan without its clean-up")
    public String halt(@Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        return act("halt", queue, Map.of());
    }

    @Descriptor("stop the running scan and remove every waiting item")
    public String clear(@Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        return act("clear", queue, Map.of());
    }

    @Descriptor("stop the running scan and run it again from the start")
    public String restart(@Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        return act("restart", queue, Map.of("position", "replace", "RID", java.util.UUID.randomUUID().toString()));
    }

    @Descriptor("lock a queue: no new scan starts until the lock is released")
    public String lock(@Descriptor("why") String reason, @Descriptor("who holds the lock") String identifier,
            @Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        return act("lock", queue, Map.of("reason", reason, "identifier", identifier));
    }

    @Descriptor("release a queue lock")
    public String unlock(@Descriptor("who holds the lock") String identifier,
            @Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        return act("release_lock", queue, Map.of("identifier", identifier));
    }

    @Descriptor("move a waiting item of a paused queue: up, down, top, bottom or to a position")
    public String queue_move(@Descriptor("scan id of the item") String scanId,
            @Descriptor("up, down, top, bottom or to") String where,
            @Descriptor("target position for 'to'") @Parameter(names = "--position", absentValue = "-1") long position,
            @Descriptor("queue") @Parameter(names = "--queue", absentValue = "primary") String queue) {
        client.bus().send(Endpoints.scanQueueOrderChangeRequest(), new ScanQueueOrderMessage(null, scanId,
                "move_" + where, queue, position < 0 ? null : position));
        return "move_" + where + " sent";
    }

    private String act(String action, String queue, Map<String, Object> parameter) {
        client.modify(action, queue, parameter, null);
        return action + " sent to queue " + queue;
    }
}
