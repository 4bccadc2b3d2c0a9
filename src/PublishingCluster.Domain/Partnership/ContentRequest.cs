namespace PublishingCluster.Domain.Partnership;

/// <summary>
/// Something the agency asked the client for (photos, a product brief, a quote) and by when. Delivered once the
/// client hands it over; overdue while it is not delivered after <see cref="DueBy"/>.
/// </summary>
public sealed record ContentRequest(
    string RequestId,
    string What,
    DateTimeOffset DueBy,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DeliveredAt = null,
    string? DeliveredBy = null)
{
    public bool IsDelivered() => DeliveredAt is not null;

    /// <summary>Delivered by its due date.</summary>
    public bool WasOnTime() => DeliveredAt is { } delivered && delivered <= DueBy;

    public bool IsOverdueAt(DateTimeOffset now) => !IsDelivered() && DueBy <= now;
}
