"""Reading YAML files into models, with errors that name the file and the field."""

import io
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from psoas.catalogue.errors import ContentError
from psoas.domain.problems import problems_from

Model = TypeVar("Model", bound=BaseModel)
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# The largest content file is a few KB; past this a file is not content (or is /dev/zero).
MAX_FILE_BYTES = 1024 * 1024


def read_yaml(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ContentError([f"{path}: cannot read file ({error.strerror})"]) from error
    if len(data) > MAX_FILE_BYTES:
        raise ContentError([f"{path}: larger than {MAX_FILE_BYTES // 1024} KB; not a content file"])
    try:
        stream = io.StringIO(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ContentError([f"{path}: not UTF-8 text (at byte {error.start})"]) from None
    stream.name = str(path)  # YAML's messages name the file
    try:
        return yaml.load(stream, Loader=Loader)
    except yaml.YAMLError as error:
        raise ContentError([f"{path}: not valid YAML ({_one_line(error)})"]) from error
    except RecursionError:
        raise ContentError([f"{path}: not valid YAML (nested too deeply)"]) from None
    except (ValueError, OverflowError) as error:  # a 5,000-digit number, a date like 2024-02-31
        problem = "a number over 4,300 digits long" if "digits" in str(error) else str(error)
        raise ContentError([f"{path}: not valid YAML ({problem})"]) from None


def _one_line(error: yaml.YAMLError) -> str:
    return " ".join(str(error).split())


def parse(path: Path, model: type[Model]) -> Model:
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContentError([f"{path}: {p}" for p in problems_from(error, model)]) from error


def parse_list(path: Path, model: type[Model]) -> tuple[Model, ...]:
    data = read_yaml(path)
    try:
        return TypeAdapter(tuple[model, ...]).validate_python(data)  # type: ignore[valid-type]
    except ValidationError as error:
        raise ContentError([f"{path}: {p}" for p in problems_from(error)]) from error
