using Microsoft.Extensions.Options;
using PublishingCluster.Operations;
using PublishingCluster.Operations.NodeAccess;
using PublishingCluster.Server.Api;
using PublishingCluster.Server.Hosting;

namespace PublishingCluster.Server.Commands;

/// <summary>Gives the operators' command endpoint (PublishingCluster.Operations) what it asks of this node, and adds it.</summary>
public static class CommandEndpointHosting
{
    /// <summary>The endpoint and its palettes, reaching accounts and actors as the API does.</summary>
    public static void AddOperatorCommands(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAccountAccess, GatewayAccountAccess>();
        builder.Services.AddSingleton<INodeActors, RegisteredNodeActors>();
        builder.Services.AddSingleton(provider =>
        {
            var node = provider.GetRequiredService<IOptions<NodeOptions>>().Value;
            return new NodeConventions(ApiJson.Options, ApiJson.TryParseInstant, node.Database, node.HoconFolder);
        });
        builder.AddCommandEndpoint();
    }
}
