# {{ s.header }}

terraform {
  required_version = "{{ s.required_version }}"
{%- if !s.backend.is_empty() %}

  # Shared state, from vanity.yaml's terraform.backend. After changing it, run
  # `terraform init -migrate-state` once. https://developer.hashicorp.com/terraform/language/backend/s3
  backend "s3" {
{%- for attr in s.backend %}
    {{ attr.name }}{{ attr.pad }} = {{ attr.value|safe }}
{%- endfor %}
  }
{%- endif %}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "{{ s.provider_constraint }}"
    }
  }
}
