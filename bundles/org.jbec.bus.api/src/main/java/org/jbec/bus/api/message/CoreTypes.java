package org.jbec.bus.api.message;

import java.util.List;

/** The message and model classes of BEC's core protocol (bec_lib/messages.py), known to every codec. */
public final class CoreTypes {

    private CoreTypes() {
    }

    /** Every core message class. */
    public static final List<Class<? extends BecMessage>> MESSAGES = List.of(
            BundleMessage.class,
            ScanQueueMessage.class,
            ScanQueueModificationMessage.class,
            ScanQueueOrderMessage.class,
            ScanQueueStatusMessage.class,
            ScanQueueHistoryMessage.class,
            ScanStatusMessage.class,
            ScanRestartMessage.class,
            ScanMessage.class,
            ScanBaselineMessage.class,
            ScanHistoryMessage.class,
            RequestResponseMessage.class,
            ClientInfoMessage.class,
            ClientRestartMessage.class,
            DeviceInstructionMessage.class,
            DeviceInstructionResponse.class,
            DeviceMessage.class,
            DeviceRPCMessage.class,
            DeviceStatusMessage.class,
            DeviceReqStatusMessage.class,
            DeviceInfoMessage.class,
            DeviceConfigMessage.class,
            DeviceInitializationProgressMessage.class,
            DeviceAsyncSignalIndexMessage.class,
            DevicePreviewMessage.class,
            DeviceMonitor1DMessage.class,
            DeviceMonitor2DMessage.class,
            AlarmMessage.class,
            LogMessage.class,
            StatusMessage.class,
            ServiceMetricMessage.class,
            ServiceResponseMessage.class,
            ServiceRequestMessage.class,
            ProgressMessage.class,
            FileMessage.class,
            FileContentMessage.class,
            StorageCopyRequestMessage.class,
            VariableMessage.class,
            AvailableResourceMessage.class,
            RawMessage.class,
            DAPRequestMessage.class,
            DAPResponseMessage.class,
            ProcessedDataMessage.class,
            LoginInfoMessage.class,
            CredentialsMessage.class,
            NotificationMessage.class,
            BeamlineStateMessage.class);

    /** Every nested model class (sent as BaseModel envelopes). */
    public static final List<Class<? extends BecModel>> MODELS = List.of(
            ErrorInfo.class,
            RequestBlock.class,
            QueueInfoEntry.class,
            ScanQueueLock.class,
            ScanQueueStatus.class,
            DeviceAsyncUpdate.class,
            ServiceVersions.class,
            ServiceInfo.class,
            StoredDataInfo.class);
}
