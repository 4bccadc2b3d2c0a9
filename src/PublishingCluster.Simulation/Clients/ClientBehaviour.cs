namespace PublishingCluster.Simulation.Clients;

/// <summary>The kinds of client agencies describe.</summary>
public enum ClientBehaviour
{
    /// <summary>Approves within hours, reads every report, sends content on time, takes most advice.</summary>
    Responsive,

    /// <summary>Does it all, but days late: approvals miss their slots, reports are read after the reminder.</summary>
    Slow,

    /// <summary>"Outsource it and forget it": rarely approves or sends content, never reads a report.</summary>
    OutsourceAndForget,

    /// <summary>Quick, but takes only what suits: approves some posts, accepts some recommendations, ignores the rest.</summary>
    CherryPicker,
}
