namespace NixVfioGen.Installed;

/// <summary>
/// A file the module installs through <c>environment.etc</c>, whose keys are relative to /etc
/// (nixos/modules/system/etc/etc.nix): the key the module writes and the path everything else reads.
/// </summary>
public sealed record EtcFile(string Key)
{
    public string Path => "/etc/" + Key;
}
