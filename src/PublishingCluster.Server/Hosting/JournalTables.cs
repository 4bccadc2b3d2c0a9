using System.Data.Common;

namespace PublishingCluster.Server.Hosting;

/// <summary>
/// The tables Akka.Persistence.Sql creates with its default table mapping (which <c>hocon/</c> keeps), as the
/// node's own reads of the journal name them: the same names and columns on SQLite and on PostgreSQL.
/// </summary>
public static class JournalTables
{
    /// <summary>One row per event: ordering, created, deleted, persistence_id, sequence_number, message, manifest, identifier.</summary>
    public const string Journal = "journal";

    /// <summary>One row per tag of an event (tag-write-mode = TagTable): ordering_id, tag, sequence_nr, persistence_id.</summary>
    public const string Tags = "tags";

    public static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
