"""What check_plan.py and check_monitoring.py read: the saved plan of a module as JSON
(MODULE_DIR/.plan.json, written by scripts/terraform-checks.sh) and the vanity.yaml it was
rendered from."""
import json

import yaml


def load(module_dir, config_path):
    """(plan, config): MODULE_DIR/.plan.json and CONFIG_YAML, parsed."""
    with open(f"{module_dir}/.plan.json", encoding="utf-8") as f:
        plan = json.load(f)
    with open(config_path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    return plan, config
