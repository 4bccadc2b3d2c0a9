namespace PublishingCluster.Server.Security;

/// <summary>What a route needs the caller to be allowed to do; every route declares exactly one.</summary>
public enum Permission
{
    /// <summary>Open accounts for the agency.</summary>
    OpenAccount,

    /// <summary>Read an account: its contract, channels, posts, calendar and queues.</summary>
    ReadAccount,

    /// <summary>Replace an account's contract.</summary>
    EditContract,

    /// <summary>Content work: channels, posts, review, scheduling, and recording goal measurements.</summary>
    EditContent,

    /// <summary>
    /// The client's own acts: approve or reject a post awaiting them, acknowledge a report, deliver requested content,
    /// answer a recommendation. A client reviewer does them on its account; agency staff may record them for a client
    /// who answers by email or phone (the audit trail shows whose key did).
    /// </summary>
    ReviewContent,

    /// <summary>The agency's own keys and audit trail.</summary>
    AdministerAgency,

    /// <summary>Operator routes across tenants: agencies and their keys.</summary>
    Operate,
}

/// <summary>Endpoint metadata: the permission a route requires.</summary>
public sealed record RequiresPermission(Permission Permission);
