package org.jbec.service;

import org.jbec.bus.api.message.BecStatus;

/** One announced service; closing it stops the heartbeat and removes its status key. */
public interface ServiceHandle extends AutoCloseable {

    String name();

    BecStatus status();

    /** Changes the status and announces it at once. */
    void setStatus(BecStatus status);

    @Override
    void close();
}
