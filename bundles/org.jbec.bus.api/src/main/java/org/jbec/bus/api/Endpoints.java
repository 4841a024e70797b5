package org.jbec.bus.api;

import org.jbec.bus.api.message.*;

/**
 * BEC's endpoint catalogue (bec_lib/endpoints.py, bec-protocol.md §3): every key with its message
 * class and operation. A parameter given as {@code "*"} makes a pattern (for pattern subscriptions
 * such as {@code deviceRead("*")}). Endpoints whose message class jBEC does not model take any
 * message.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** {@code info/devices/readback/{device}}: readback of a device on every value event and read. */
    public static Endpoint<DeviceMessage> deviceReadback(String device) {
        return new Endpoint<>("info/devices/readback/" + part(device), DeviceMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/devices/read/{device}}: reading of a device by a read instruction (scan data). */
    public static Endpoint<DeviceMessage> deviceRead(String device) {
        return new Endpoint<>("info/devices/read/" + part(device), DeviceMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/devices/read_configuration/{device}}: configuration signals of a device. */
    public static Endpoint<DeviceMessage> deviceReadConfiguration(String device) {
        return new Endpoint<>("info/devices/read_configuration/" + part(device), DeviceMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/devices/limits/{device}}: limits of a positioner ({low:{value}, high:{value}}). */
    public static Endpoint<DeviceMessage> deviceLimits(String device) {
        return new Endpoint<>("info/devices/limits/" + part(device), DeviceMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/devices/status/{device}}: status number of a device (moving 0/1). */
    public static Endpoint<DeviceStatusMessage> deviceStatus(String device) {
        return new Endpoint<>("info/devices/status/" + part(device), DeviceStatusMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/devices/staged/{device}}: staged (1) or unstaged (0). */
    public static Endpoint<DeviceStatusMessage> deviceStaged(String device) {
        return new Endpoint<>("info/devices/staged/" + part(device), DeviceStatusMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/devices/info/{device}}: description of a device, for proxies. */
    public static Endpoint<DeviceInfoMessage> deviceInfo(String device) {
        return new Endpoint<>("info/devices/info/" + part(device), DeviceInfoMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/devices/progress/{device}}: progress of a device (EX 3600). */
    public static Endpoint<ProgressMessage> deviceProgress(String device) {
        return new Endpoint<>("info/devices/progress/" + part(device), ProgressMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/devices/raw/{device}}: raw device data (declared by BEC, unused). */
    public static Endpoint<DeviceMessage> deviceRaw(String device) {
        return new Endpoint<>("info/devices/raw/" + part(device), DeviceMessage.class, MessageOp.STREAM);
    }

    /** {@code info/devices/req_status/{requestId}}: completion of instructions of one request (EXPIRE 3600). */
    public static Endpoint<DeviceReqStatusMessage> deviceReqStatus(String requestId) {
        return new Endpoint<>("info/devices/req_status/" + part(requestId), DeviceReqStatusMessage.class, MessageOp.STREAM);
    }

    /** {@code info/devices/rpc/{rpcId}}: result of a remote procedure call (EX 1800). */
    public static Endpoint<DeviceRPCMessage> deviceRpc(String rpcId) {
        return new Endpoint<>("info/devices/rpc/" + part(rpcId), DeviceRPCMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/devices/async_readback/{scanId}/{device}}: asynchronous readings of a device during a scan. */
    public static Endpoint<DeviceMessage> deviceAsyncReadback(String scanId, String device) {
        return new Endpoint<>("info/devices/async_readback/" + part(scanId) + "/" + part(device), DeviceMessage.class, MessageOp.STREAM);
    }

    /** {@code info/devices/async_signal/{scanId}/{device}/{signal}}: asynchronous signal data during a scan. */
    public static Endpoint<DeviceMessage> deviceAsyncSignal(String scanId, String device, String signal) {
        return new Endpoint<>("info/devices/async_signal/" + part(scanId) + "/" + part(device) + "/" + part(signal), DeviceMessage.class, MessageOp.STREAM);
    }

    /** {@code info/devices/async_signal_index/{scanId}/{device}/{signal}}: index of asynchronous signal data. */
    public static Endpoint<DeviceAsyncSignalIndexMessage> deviceAsyncSignalIndex(String scanId, String device, String signal) {
        return new Endpoint<>("info/devices/async_signal_index/" + part(scanId) + "/" + part(device) + "/" + part(signal), DeviceAsyncSignalIndexMessage.class, MessageOp.LIST);
    }

    /** {@code info/devices/preview/{device}/{signal}}: preview images and traces. */
    public static Endpoint<DevicePreviewMessage> devicePreview(String device, String signal) {
        return new Endpoint<>("info/devices/preview/" + part(device) + "/" + part(signal), DevicePreviewMessage.class, MessageOp.STREAM);
    }

    /** {@code info/devices/monitor1d/{device}}: 1-D monitor (legacy). */
    public static Endpoint<DeviceMonitor1DMessage> deviceMonitor1d(String device) {
        return new Endpoint<>("info/devices/monitor1d/" + part(device), DeviceMonitor1DMessage.class, MessageOp.STREAM);
    }

    /** {@code info/devices/monitor2d/{device}}: 2-D monitor (legacy). */
    public static Endpoint<DeviceMonitor2DMessage> deviceMonitor2d(String device) {
        return new Endpoint<>("info/devices/monitor2d/" + part(device), DeviceMonitor2DMessage.class, MessageOp.STREAM);
    }

    /** {@code user/devices/user_roi/{device}/{signal}}: regions of interest (GUI). */
    public static Endpoint<BecMessage> deviceUserRoi(String device, String signal) {
        return new Endpoint<>("user/devices/user_roi/" + part(device) + "/" + part(signal), BecMessage.class, MessageOp.STREAM);
    }

    /** {@code internal/devices/instructions}: instructions for the device server. */
    public static Endpoint<DeviceInstructionMessage> deviceInstructions() {
        return new Endpoint<>("internal/devices/instructions", DeviceInstructionMessage.class, MessageOp.SEND);
    }

    /** {@code internal/devices/instructions_response}: device server answers to instructions. */
    public static Endpoint<DeviceInstructionResponse> deviceInstructionsResponse() {
        return new Endpoint<>("internal/devices/instructions_response", DeviceInstructionResponse.class, MessageOp.SEND);
    }

    /** {@code user/queue/stop_devices}: stop all (nil) or the listed devices. */
    public static Endpoint<VariableMessage> stopDevices() {
        return new Endpoint<>("user/queue/stop_devices", VariableMessage.class, MessageOp.SEND);
    }

    /** {@code user/devices/config_request}: configuration change requests of clients. */
    public static Endpoint<DeviceConfigMessage> deviceConfigRequest() {
        return new Endpoint<>("user/devices/config_request", DeviceConfigMessage.class, MessageOp.SEND);
    }

    /** {@code internal/devices/device_server_config_update}: configuration changes for the device server. */
    public static Endpoint<DeviceConfigMessage> deviceServerConfigUpdate() {
        return new Endpoint<>("internal/devices/device_server_config_update", DeviceConfigMessage.class, MessageOp.SEND);
    }

    /** {@code info/devices/config_request_response/{requestId}}: answer to a configuration request (EX 60). */
    public static Endpoint<RequestResponseMessage> deviceConfigRequestResponse(String requestId) {
        return new Endpoint<>("info/devices/config_request_response/" + part(requestId), RequestResponseMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/devices/config_update}: configuration changes for every device manager. */
    public static Endpoint<DeviceConfigMessage> deviceConfigUpdate() {
        return new Endpoint<>("info/devices/config_update", DeviceConfigMessage.class, MessageOp.SEND);
    }

    /** {@code info/devices/config}: the persisted device session. */
    public static Endpoint<AvailableResourceMessage> deviceConfig() {
        return new Endpoint<>("info/devices/config", AvailableResourceMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/devices/config_history}: earlier device sessions (LTRIM 0 49). */
    public static Endpoint<AvailableResourceMessage> deviceConfigHistory() {
        return new Endpoint<>("info/devices/config_history", AvailableResourceMessage.class, MessageOp.LIST);
    }

    /** {@code info/devices/initialization_progress}: progress of loading a session (EX 3600). */
    public static Endpoint<DeviceInitializationProgressMessage> deviceInitializationProgress() {
        return new Endpoint<>("info/devices/initialization_progress", DeviceInitializationProgressMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code personal/{user}/queue/queue_request}: queue requests of one user. */
    public static Endpoint<ScanQueueMessage> scanQueueRequest(String user) {
        return new Endpoint<>("personal/" + part(user) + "/queue/queue_request", ScanQueueMessage.class, MessageOp.SEND);
    }

    /** {@code info/queue/queue_request_response}: accept/reject of queue requests. */
    public static Endpoint<RequestResponseMessage> scanQueueRequestResponse() {
        return new Endpoint<>("info/queue/queue_request_response", RequestResponseMessage.class, MessageOp.SEND);
    }

    /** {@code info/queue/queue_insert}: accepted requests for the queue manager. */
    public static Endpoint<ScanQueueMessage> scanQueueInsert() {
        return new Endpoint<>("info/queue/queue_insert", ScanQueueMessage.class, MessageOp.SEND);
    }

    /** {@code user/queue/queue_modification_request}: queue modification requests. */
    public static Endpoint<ScanQueueModificationMessage> scanQueueModificationRequest() {
        return new Endpoint<>("user/queue/queue_modification_request", ScanQueueModificationMessage.class, MessageOp.SEND);
    }

    /** {@code info/queue/queue_modification}: accepted queue modifications. */
    public static Endpoint<ScanQueueModificationMessage> scanQueueModification() {
        return new Endpoint<>("info/queue/queue_modification", ScanQueueModificationMessage.class, MessageOp.SEND);
    }

    /** {@code user/queue/queue_order_change_request}: queue reorder requests. */
    public static Endpoint<ScanQueueOrderMessage> scanQueueOrderChangeRequest() {
        return new Endpoint<>("user/queue/queue_order_change_request", ScanQueueOrderMessage.class, MessageOp.SEND);
    }

    /** {@code info/queue/queue_order_change_response}: answers to reorder requests. */
    public static Endpoint<RequestResponseMessage> scanQueueOrderChangeResponse() {
        return new Endpoint<>("info/queue/queue_order_change_response", RequestResponseMessage.class, MessageOp.SEND);
    }

    /** {@code info/queue/queue_order_change}: accepted reorders. */
    public static Endpoint<ScanQueueOrderMessage> scanQueueOrderChange() {
        return new Endpoint<>("info/queue/queue_order_change", ScanQueueOrderMessage.class, MessageOp.SEND);
    }

    /** {@code info/queue/scan_restart}: a scan was restarted. */
    public static Endpoint<ScanRestartMessage> scanRestart() {
        return new Endpoint<>("info/queue/scan_restart", ScanRestartMessage.class, MessageOp.SEND);
    }

    /** {@code info/queue/queue_status}: state of every queue. */
    public static Endpoint<ScanQueueStatusMessage> scanQueueStatus() {
        return new Endpoint<>("info/queue/queue_status", ScanQueueStatusMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/queue/queue_history}: finished queue items (LTRIM 0 99). */
    public static Endpoint<ScanQueueHistoryMessage> scanQueueHistory() {
        return new Endpoint<>("info/queue/queue_history", ScanQueueHistoryMessage.class, MessageOp.LIST);
    }

    /** {@code user/queue/queue_schedule/{name}}: scheduled requests. */
    public static Endpoint<ScanQueueMessage> scanQueueSchedule(String name) {
        return new Endpoint<>("user/queue/queue_schedule/" + part(name), ScanQueueMessage.class, MessageOp.LIST);
    }

    /** {@code admin/pre_scan_macros}: pre-scan macros (legacy scans). */
    public static Endpoint<VariableMessage> preScanMacros() {
        return new Endpoint<>("admin/pre_scan_macros", VariableMessage.class, MessageOp.LIST);
    }

    /** {@code user/scan_number}: scan numbers per account. */
    public static Endpoint<VariableMessage> scanNumber() {
        return new Endpoint<>("user/scan_number", VariableMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code user/dataset_number}: dataset numbers per account. */
    public static Endpoint<VariableMessage> datasetNumber() {
        return new Endpoint<>("user/dataset_number", VariableMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/scans/scan_status}: life-cycle state of scans. */
    public static Endpoint<ScanStatusMessage> scanStatus() {
        return new Endpoint<>("info/scans/scan_status", ScanStatusMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/public/{scanId}/scan_info}: state of one scan for late joiners. */
    public static Endpoint<ScanStatusMessage> publicScanInfo(String scanId) {
        return new Endpoint<>("info/public/" + part(scanId) + "/scan_info", ScanStatusMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/scans/scan_segment}: scan points, sent as bundles of ScanMessage. */
    public static Endpoint<BundleMessage> scanSegment() {
        return new Endpoint<>("info/scans/scan_segment", BundleMessage.class, MessageOp.SEND);
    }

    /** {@code info/public/{scanId}/scan_segment/{pointId}}: one scan point (EX 1800). */
    public static Endpoint<ScanMessage> publicScanSegment(String scanId, String pointId) {
        return new Endpoint<>("info/public/" + part(scanId) + "/scan_segment/" + part(pointId), ScanMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/scans/scan_baseline}: baseline readings of scans. */
    public static Endpoint<ScanBaselineMessage> scanBaseline() {
        return new Endpoint<>("info/scans/scan_baseline", ScanBaselineMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/public/{scanId}/scan_baseline}: baseline of one scan (EX 1800). */
    public static Endpoint<ScanBaselineMessage> publicScanBaseline(String scanId) {
        return new Endpoint<>("info/public/" + part(scanId) + "/scan_baseline", ScanBaselineMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code info/scans/scan_progress}: progress of the running scan. */
    public static Endpoint<ProgressMessage> scanProgress() {
        return new Endpoint<>("info/scans/scan_progress", ProgressMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/scans/scan_history}: finished scans (MAXLEN ~10000). */
    public static Endpoint<ScanHistoryMessage> scanHistory() {
        return new Endpoint<>("info/scans/scan_history", ScanHistoryMessage.class, MessageOp.STREAM);
    }

    /** {@code info/scans/available_scans}: the scans the server offers. */
    public static Endpoint<AvailableResourceMessage> availableScans() {
        return new Endpoint<>("info/scans/available_scans", AvailableResourceMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/public/{scanId}/file/{name}}: files of a scan (EX 3600). */
    public static Endpoint<FileMessage> publicFile(String scanId, String name) {
        return new Endpoint<>("info/public/" + part(scanId) + "/file/" + part(name), FileMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code info/public/file_event/{name}}: device files (EX 3600). */
    public static Endpoint<FileMessage> fileEvent(String name) {
        return new Endpoint<>("info/public/file_event/" + part(name), FileMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code internal/internal/file_content}: content of written files (EX 3600). */
    public static Endpoint<FileContentMessage> fileContent() {
        return new Endpoint<>("internal/internal/file_content", FileContentMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code user/storage/copy_request}: requests to copy files to storage. */
    public static Endpoint<StorageCopyRequestMessage> storageCopyRequest() {
        return new Endpoint<>("user/storage/copy_request", StorageCopyRequestMessage.class, MessageOp.SEND);
    }

    /** {@code user/services/status/{service}}: heartbeat of a service (EX 6, every 3 s). */
    public static Endpoint<StatusMessage> serviceStatus(String service) {
        return new Endpoint<>("user/services/status/" + part(service), StatusMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code user/services/metrics/{service}}: metrics of a service (EX 30, every 1 s). */
    public static Endpoint<ServiceMetricMessage> serviceMetrics(String service) {
        return new Endpoint<>("user/services/metrics/" + part(service), ServiceMetricMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code user/services/response/{requestId}}: acknowledgements of services (EXPIRE 100). */
    public static Endpoint<ServiceResponseMessage> serviceResponse(String requestId) {
        return new Endpoint<>("user/services/response/" + part(requestId), ServiceResponseMessage.class, MessageOp.LIST);
    }

    /** {@code user/services/request}: requests to services. */
    public static Endpoint<ServiceRequestMessage> serviceRequest() {
        return new Endpoint<>("user/services/request", ServiceRequestMessage.class, MessageOp.SEND);
    }

    /** {@code user/alarms}: alarms. */
    public static Endpoint<AlarmMessage> alarms() {
        return new Endpoint<>("user/alarms", AlarmMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code user/log}: log records of every service (MAXLEN ~10000). */
    public static Endpoint<LogMessage> log() {
        return new Endpoint<>("user/log", LogMessage.class, MessageOp.STREAM);
    }

    /** {@code user/client_info}: messages for consoles (MAXLEN ~100). */
    public static Endpoint<ClientInfoMessage> clientInfo() {
        return new Endpoint<>("user/client_info", ClientInfoMessage.class, MessageOp.STREAM);
    }

    /** {@code info/client_restart}: client restart requests. */
    public static Endpoint<ClientRestartMessage> clientRestart() {
        return new Endpoint<>("info/client_restart", ClientRestartMessage.class, MessageOp.SEND);
    }

    /** {@code info/account}: the active account (MAXLEN 1). */
    public static Endpoint<VariableMessage> account() {
        return new Endpoint<>("info/account", VariableMessage.class, MessageOp.STREAM);
    }

    /** {@code user/vars/{name}}: global variables (sample_name, ...). */
    public static Endpoint<VariableMessage> globalVar(String name) {
        return new Endpoint<>("user/vars/" + part(name), VariableMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code user/progress/{name}}: named progress. */
    public static Endpoint<ProgressMessage> progress(String name) {
        return new Endpoint<>("user/progress/" + part(name), ProgressMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code user/dynamic_metrics/{group}}: dynamic metrics of services. */
    public static Endpoint<BecMessage> dynamicMetrics(String group) {
        return new Endpoint<>("user/dynamic_metrics/" + part(group), BecMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code public/endpoints}: the endpoint list. */
    public static Endpoint<AvailableResourceMessage> publicEndpoints() {
        return new Endpoint<>("public/endpoints", AvailableResourceMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code public/acl/login_info}: what a login needs to know. */
    public static Endpoint<LoginInfoMessage> loginInfo() {
        return new Endpoint<>("public/acl/login_info", LoginInfoMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code admin/acl/accounts}: ACL accounts. */
    public static Endpoint<BecMessage> aclAccounts() {
        return new Endpoint<>("admin/acl/accounts", BecMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code internal/messaging_services/notification/{event}}: notifications (new_scan, alarm_major, ...). */
    public static Endpoint<NotificationMessage> notification(String event) {
        return new Endpoint<>("internal/messaging_services/notification/" + part(event), NotificationMessage.class, MessageOp.SEND);
    }

    /** {@code user/beamline_state/{name}}: a beamline state (MAXLEN 1). */
    public static Endpoint<BeamlineStateMessage> beamlineState(String name) {
        return new Endpoint<>("user/beamline_state/" + part(name), BeamlineStateMessage.class, MessageOp.STREAM);
    }

    /** {@code user/available_beamline_states}: the defined beamline states (MAXLEN 1). */
    public static Endpoint<BecMessage> availableBeamlineStates() {
        return new Endpoint<>("user/available_beamline_states", BecMessage.class, MessageOp.STREAM);
    }

    /** {@code info/deployment/deployment_info}: deployment information. */
    public static Endpoint<BecMessage> deploymentInfo() {
        return new Endpoint<>("info/deployment/deployment_info", BecMessage.class, MessageOp.STREAM);
    }

    /** {@code user/dap/request}: data-processing requests. */
    public static Endpoint<DAPRequestMessage> dapRequest() {
        return new Endpoint<>("user/dap/request", DAPRequestMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code user/dap/response/{requestId}}: data-processing results (EX 60). */
    public static Endpoint<DAPResponseMessage> dapResponse(String requestId) {
        return new Endpoint<>("user/dap/response/" + part(requestId), DAPResponseMessage.class, MessageOp.SET_PUBLISH);
    }

    /** {@code user/dap/available_plugins/{id}}: available data-processing models. */
    public static Endpoint<AvailableResourceMessage> dapAvailablePlugins(String id) {
        return new Endpoint<>("user/dap/available_plugins/" + part(id), AvailableResourceMessage.class, MessageOp.KEY_VALUE);
    }

    /** {@code user/processed_data/{id}}: processed data. */
    public static Endpoint<BecMessage> processedData(String id) {
        return new Endpoint<>("user/processed_data/" + part(id), BecMessage.class, MessageOp.STREAM);
    }

    /**
     * A key part: a name, or "*" for a pattern; never empty. It may contain '/', as BEC's service
     * names do ({@code BECIPythonClient/<uuid>}).
     */
    private static String part(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("endpoint key part is empty");
        }
        return value;
    }
}
