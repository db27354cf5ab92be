#!/usr/bin/env bash
# Writes target/terraform/cli.tfrc: a Terraform CLI config that installs hashicorp/aws from this
# machine's filesystem mirror when there is one (offline machines), and from the registry
# otherwise, with a shared plugin cache so each `terraform init` links instead of copying.
# Prints the path; use it as TF_CLI_CONFIG_FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/terraform/plugin-cache
config="$PWD/target/terraform/cli.tfrc"
mirror=$(find / -maxdepth 6 -path '*registry.terraform.io/hashicorp/aws' -not -path "$PWD/*" 2>/dev/null | head -n 1 || true)
{
  echo "plugin_cache_dir = \"$PWD/target/terraform/plugin-cache\""
  if [ -n "$mirror" ]; then
    mirror_root=${mirror%/registry.terraform.io/hashicorp/aws}
    cat <<HCL
provider_installation {
  filesystem_mirror {
    path    = "$mirror_root"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
HCL
  fi
} > "$config"
echo "$config"
