package org.jbec.bus.redis.internal.codec;

import java.util.Arrays;

import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * Where one thread's packer writes, kept between messages: msgpack's own buffer output drops its
 * 8 KB buffer at every clear and allocates a new one for the next message, which made encoding a
 * large share of the bus's garbage. The packer fills {@link #next}'s scratch buffer; committed bytes
 * collect in a growing array that {@link #reset()} empties without freeing.
 */
final class ReusableOutput implements MessageBufferOutput {

    private static final int SCRATCH = 8192;
    /** What a thread keeps after a large message: bigger arrays are dropped at reset. */
    private static final int KEPT = 1 << 20;

    private final MessageBuffer scratch = MessageBuffer.allocate(SCRATCH);
    private MessageBuffer current = scratch;
    private byte[] bytes = new byte[SCRATCH];
    private int size;

    @Override
    public MessageBuffer next(int minimumSize) {
        current = minimumSize <= SCRATCH ? scratch : MessageBuffer.allocate(minimumSize);
        return current;
    }

    @Override
    public void writeBuffer(int length) {
        append(current.array(), current.arrayOffset(), length);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        append(buffer, offset, length);
    }

    @Override
    public void add(byte[] buffer, int offset, int length) {
        append(buffer, offset, length);
    }

    private void append(byte[] buffer, int offset, int length) {
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        System.arraycopy(buffer, offset, bytes, size, length);
        size += length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void reset() {
        size = 0;
        current = scratch;
        if (bytes.length > KEPT) {
            bytes = new byte[SCRATCH];
        }
    }

    @Override
    public void flush() {
        // bytes are kept until taken
    }

    @Override
    public void close() {
        // nothing held outside this object
    }
}
