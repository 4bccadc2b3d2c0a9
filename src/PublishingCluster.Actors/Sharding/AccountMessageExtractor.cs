using Akka.Cluster.Sharding;
using PublishingCluster.Actors.Accounts;

namespace PublishingCluster.Actors.Sharding;

/// <summary>
/// Routes account messages by account id: the entity id is the account id and the shard is its hash modulo
/// the shard count. The shard count must stay the same for as long as the cluster holds data.
/// </summary>
public sealed class AccountMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const string RegionName = "account";

    public override string? EntityId(object message) => message switch
    {
        IWithAccountId m => m.AccountId,
        _ => null,
    };
}
