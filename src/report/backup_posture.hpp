// The report's backup and restore posture (Operations section): the AWS Backup plan of
// `operations.backups`, point-in-time recovery, deletion protection and the runbook scripts.
#pragma once

#include <nlohmann/json.hpp>

#include "model/model.hpp"

namespace dynamodel {

/// {rows: [{what, value}]}: one row per part of the posture, in reading order.
nlohmann::json backup_posture_view(const Model& model);

}  // namespace dynamodel
