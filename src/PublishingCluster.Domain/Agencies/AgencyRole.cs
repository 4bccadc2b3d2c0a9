namespace PublishingCluster.Domain.Agencies;

/// <summary>What an API key may do. Operators are not agency keys: they hold the node's operator token.</summary>
public enum AgencyRole
{
    /// <summary>Everything within the agency: accounts, contracts, content, keys, the audit trail.</summary>
    AgencyAdmin,

    /// <summary>Content work on the accounts assigned to the key, and nothing on other accounts.</summary>
    AccountManager,

    /// <summary>The client's side: read one account, approve or reject its posts (and acknowledge its reports).</summary>
    ClientReviewer,
}
