namespace NixVfioGen.Tests.Support;

/// <summary>
/// A NixOS-like system under nixpkgs' real <c>lib.evalModules</c>: the option declarations of
/// <see cref="NixosOptions"/> plus a user's minimal configuration, for tests that read merged values.
/// </summary>
internal static class NixosSystem
{
    /// <summary>
    /// Evaluates <paramref name="result"/> (a Nix expression) to JSON, in a scope with <c>lib</c>,
    /// <c>declarations</c>, <c>usersOwn</c> (with <paramref name="usersOwn"/> merged in) and
    /// <c>system</c>, a function from a module list to its config.
    /// </summary>
    public static ExternalTool.Result Evaluate(string result, string usersOwn = "{ }") => NixTool.EvaluateJson($$"""
        let
          lib = import {{NixTool.LibPath}};
          declarations = import {{NixosOptions.Path}} lib;
          usersOwn = {
            _module.args.pkgs = {
              qemu_kvm = "qemu"; coreutils = "coreutils"; kmod = "kmod"; util-linux = "util-linux";
              looking-glass-client = "looking-glass-client"; writeShellScript = name: text: name;
            };
            system.stateVersion = "26.05";
          } // {{usersOwn}};
          system = modules: (lib.evalModules { inherit modules; }).config;
        in
        {{result}}
        """);
}
