package org.jbec.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.MessageCodec;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.NdArray;
import org.jbec.bus.redis.internal.codec.MsgpackCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Codec encode+decode of a positioner reading (3 signals) and of a 512×512 uint16 camera frame, and
 * the decoding of a device instruction's response (a scan server decodes four per point).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    private final MessageCodec codec = new MsgpackCodec();
    private DeviceMessage reading;
    private DeviceMessage frame;
    private byte[] readingBytes;
    private byte[] frameBytes;
    private byte[] responseBytes;

    @Setup
    public void setUp() {
        reading = samxReading();
        int[] pixels = new int[512 * 512];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 31) & 0xffff;
        }
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("eiger_image", Map.of("value", NdArray.of(Dtype.UINT16, pixels, 512, 512), "timestamp", 1.7e9));
        frame = new DeviceMessage(new LinkedHashMap<>(Map.of("scan_id", "s-1")), signals);
        readingBytes = codec.encode(reading);
        frameBytes = codec.encode(frame);
        responseBytes = codec.encode(readResponse());
    }

    /** The completed response to a scan point's read of three devices, as the device server sends it. */
    static DeviceInstructionResponse readResponse() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("device_instr_id", "7d0c6a55-3f0e-4f55-a2a4-6c1f3f1b2e11");
        metadata.put("scan_id", "2c9f3e0a-6b1d-4c1e-9d7e-1f0b8a3c5d21");
        metadata.put("RID", "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b");
        metadata.put("queue_id", "0a1b2c3d-4e5f-4061-8273-9a8b7c6d5e4f");
        metadata.put("point_id", 17L);
        DeviceInstructionMessage instruction = new DeviceInstructionMessage(metadata, List.of("samx", "bpm4i", "bpm3a"),
                "read", Map.of());
        return new DeviceInstructionResponse(new LinkedHashMap<>(metadata), List.of("samx", "bpm4i", "bpm3a"),
                "completed", null, instruction, "7d0c6a55-3f0e-4f55-a2a4-6c1f3f1b2e11", null, null);
    }

    @Benchmark
    public Object instructionResponseDecode() {
        return codec.decode(responseBytes);
    }

    static DeviceMessage samxReading() {
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("samx", Map.of("value", 1.25, "timestamp", 1764420000.125));
        signals.put("samx_setpoint", Map.of("value", 1.25, "timestamp", 1764420000.125));
        signals.put("samx_motor_is_moving", Map.of("value", 0L, "timestamp", 1764420000.125));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("scan_id", "2c9f3e0a-6b1d-4c1e-9d7e-1f0b8a3c5d21");
        metadata.put("point_id", 17L);
        return new DeviceMessage(metadata, signals);
    }

    @Benchmark
    public Object deviceMessageEncodeDecode() {
        return codec.decode(codec.encode(reading));
    }

    @Benchmark
    public byte[] deviceMessageEncode() {
        return codec.encode(reading);
    }

    @Benchmark
    public Object deviceMessageDecode() {
        return codec.decode(readingBytes);
    }

    @Benchmark
    public Object frame512x512Uint16EncodeDecode() {
        return codec.decode(codec.encode(frame));
    }

    int frameBytes() {
        return frameBytes.length;
    }
}
