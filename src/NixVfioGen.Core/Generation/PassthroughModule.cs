using NixVfioGen.Host.Features;
using NixVfioGen.Model;
using NixVfioGen.Nix;

namespace NixVfioGen.Generation;

/// <summary>The root command's output: the host module that also installs, and optionally defines, the domain.</summary>
public static class PassthroughModule
{
    /// <summary>The module text and the domain XML text it carries (identical to the domain command's output).</summary>
    public static (NixFile Module, string DomainXml) Build(HostOptions host, DomainOptions domain, DefinePolicy define, DomainFileSource source)
    {
        var carried = new ModuleDomain(domain, define, source);
        return (HostModuleBuilder.Build(host, carried), carried.Xml);
    }
}
