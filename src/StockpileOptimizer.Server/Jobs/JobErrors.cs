using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using StockpileOptimizer.Domain;
using StockpileOptimizer.Server.Mapping;

namespace StockpileOptimizer.Server.Jobs;

/// <summary>
/// The job system's answers for a request id given again with a different request
/// (FAILED_PRECONDITION on <c>requestId</c>) and for stored data that cannot be trusted
/// (DATA_LOSS naming the job), as gRPC errors in the API's form (google.rpc details).
/// </summary>
internal static class JobErrors
{
    /// <summary>The PreconditionFailure type of a request id reused for a different request.</summary>
    public const string RequestIdReused = "REQUEST_ID_REUSED";

    public static RpcException Conflict(RequestIdConflictException conflict) =>
        RpcErrors.FailedPrecondition(conflict.Message, RequestIdReused, "requestId");

    /// <summary>DATA_LOSS naming the job; the store's own message (with its location) goes to the log only.</summary>
    public static RpcException Damaged(StoredJobDamagedException damaged, ILogger logger)
    {
        ServerLog.StoredDataDamaged(logger, damaged.JobId, damaged.Message);
        var name = JobNames.Format(damaged.JobId);
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.DataLoss,
            Message = ShownText.Cut(
                $"the stored data of job {name} is damaged (it does not read, or does not match the checksum stored with it); " +
                "the job's data is lost: restore the job store from a backup", RpcErrors.MaxMessageChars),
        };
        status.Details.Add(Any.Pack(new ResourceInfo { ResourceType = "stockpile.v1.Job", ResourceName = name, Description = "stored data damaged" }));
        return status.ToRpcException();
    }

}
